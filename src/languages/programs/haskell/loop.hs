count :: Int -> Int
count n = if n < 0 then n else count (n + 1)

main :: IO ()
main = print (count 0 `seq` ())
