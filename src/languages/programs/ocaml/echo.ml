let () =
  try
    while true do
      print_string (input_line stdin);
      print_newline ()
    done
  with End_of_file -> ()
