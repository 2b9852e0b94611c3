; mmap 1 MiB with MAP_POPULATE (the pages are touched) forever
        section .text
        global _start
_start: mov rax, 9
        xor rdi, rdi
        mov rsi, 1048576
        mov rdx, 3
        mov r10, 0x8022
        mov r8, -1
        xor r9, r9
        syscall
        jmp _start
