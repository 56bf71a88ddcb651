// glibc's malloc tuning (`mallopt`), which the Glibc module does not bring in.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
