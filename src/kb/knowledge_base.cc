// Placeholder until the stage lands; replaced by the real implementation.
#include "kb/knowledge_base.h"
