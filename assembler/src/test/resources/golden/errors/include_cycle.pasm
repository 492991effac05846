.include "../inc/cycle_a.inc"
