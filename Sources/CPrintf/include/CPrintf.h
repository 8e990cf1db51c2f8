#ifndef BACKBONE_CPRINTF_H
#define BACKBONE_CPRINTF_H

#include <stddef.h>

/// C's printf conversion of one double, `%.*f`, `%.*e` or `%.*g` (`style`
/// is 'f', 'e' or 'g'; anything else writes nothing and returns -1), into
/// `buffer`. Returns what snprintf returns: the length the text needs,
/// which may exceed `size - 1` (the text is then cut).
///
/// Swift cannot call the variadic snprintf itself; through `withVaList` or
/// `String(format:)` every number costs heap allocations (a boxed argument
/// array, a va_list builder, an NSString), and the report prints tens of
/// thousands of numbers. This plain function takes its arguments in registers.
int backbone_print_double(char *buffer, size_t size, char style, int precision, double value);

#endif
