/* Built only into the sanitizer build (make sanitize): the launcher runs with an empty environment, so the
 * sanitizers' options are compiled in. Leak checking is off: it stops the world with ptrace at exit, which a
 * process inside fresh namespaces cannot do, and the launcher's few allocations live until it exits anyway. */
const char *__asan_default_options(void);
const char *__ubsan_default_options(void);

/* AddressSanitizer: any error ends the launcher at once with a report on stderr. */
const char *__asan_default_options(void)
{
	return "detect_leaks=0:abort_on_error=1:halt_on_error=1";
}

/* UndefinedBehaviorSanitizer: undefined behaviour is an error, never a warning to scroll past. */
const char *__ubsan_default_options(void)
{
	return "halt_on_error=1:abort_on_error=1:print_stacktrace=1";
}
