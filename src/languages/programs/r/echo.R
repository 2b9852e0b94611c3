input <- readLines(file("stdin"))
writeLines(input)
