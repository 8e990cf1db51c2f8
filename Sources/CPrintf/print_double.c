#include "CPrintf.h"
#include <stdio.h>

int backbone_print_double(char *buffer, size_t size, char style, int precision, double value) {
    switch (style) {
    case 'f': return snprintf(buffer, size, "%.*f", precision, value);
    case 'e': return snprintf(buffer, size, "%.*e", precision, value);
    case 'g': return snprintf(buffer, size, "%.*g", precision, value);
    default: return -1;
    }
}
