while 1 {
    exec tclsh main.tcl &
}
