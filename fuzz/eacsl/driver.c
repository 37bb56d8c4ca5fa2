/* driver.c - reads the input for the E-ACSL build's main (glue.c), which
 * cannot include libc headers itself. */
#include <errno.h>
#include <unistd.h>

long eacsl_read_input(unsigned char *buf, long cap)
{
	long n = 0;
	while (n < cap) {
		ssize_t r = read(0, buf + n, (size_t)(cap - n));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		n += r;
	}
	return n;
}
