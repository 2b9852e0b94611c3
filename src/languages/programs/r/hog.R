keep <- vector("list", 100000)
for (i in seq_along(keep)) keep[[i]] <- rep(i, 131072)
