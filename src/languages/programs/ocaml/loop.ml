let rec count n = if n < 0 then n else count (n + 1)
let () = ignore (count 0)
