main :: IO ()
main = print undeclared_name
