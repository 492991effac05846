.include defs
