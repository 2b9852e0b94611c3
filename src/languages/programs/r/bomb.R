repeat system2("Rscript", "main.R", wait = FALSE)
