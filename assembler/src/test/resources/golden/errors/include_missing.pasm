.include "missing.inc"
