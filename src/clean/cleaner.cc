// Placeholder until the stage lands; replaced by the real implementation.
#include "clean/cleaner.h"
