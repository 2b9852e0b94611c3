# An endless stream from yes(1): OLE at the output cap.
yes 'airlock output flood'
