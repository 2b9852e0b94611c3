SELECT CAST(readfile('/dev/stdin') AS TEXT);
