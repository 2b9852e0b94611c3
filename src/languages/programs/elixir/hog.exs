IO.puts(length(Enum.to_list(1..1_000_000_000)))
