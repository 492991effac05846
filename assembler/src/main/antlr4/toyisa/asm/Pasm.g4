/*
 * The portable assembly, one grammar for both CPUs. A file is lines; a line is optional labels and
 * one optional statement: a directive (.word 1, 2) or an instruction (mov a, 10h). Registers are
 * plain names here: which names are registers depends on the target CPU, so the assembler decides
 * that after parsing (Armistice knows r7, Intellio does not). Macro bodies (.macro ... .endm) are cut
 * out before parsing and parsed again, one expansion at a time (see Assembler).
 *
 * The ANTLR Maven plugin generates the parser into target/generated-sources; nothing generated is
 * committed.
 */
grammar Pasm;

program   : line (NEWLINE line)* EOF ;
// The assembler parses one line at a time (so an error never spills into the next line).
single    : line EOF ;
line      : label* statement? ;
label     : IDENT ':' ;
statement : DIRECTIVE (arg (',' arg)*)?          # directive
          | IDENT (operand (',' operand)*)?      # instruction
          ;
arg       : STRING | expr ;
operand   : '[' expr ']'                         # memOperand
          | expr                                 # valueOperand
          ;

// Precedence as in C, highest first: unary, * / %, + -, << >>, &, ^, |.
expr      : '(' expr ')'                         # parens
          | IDENT '(' expr ')'                   # func
          | op=('-' | '~' | '+') expr            # unary
          | expr op=('*' | '/' | '%') expr       # binary
          | expr op=('+' | '-') expr             # binary
          | expr op=('<<' | '>>') expr           # binary
          | expr op='&' expr                     # binary
          | expr op='^' expr                     # binary
          | expr op='|' expr                     # binary
          | NUMBER                               # number
          | CHAR                                 # char
          | IDENT                                # name
          | '$'                                  # here
          ;

NEWLINE   : '\r'? '\n' ;
WS        : [ \t\f]+ -> skip ;
COMMENT   : ';' ~[\r\n]* -> skip ;
DIRECTIVE : '.' [a-zA-Z_] [a-zA-Z0-9_]* ;
// Dots inside names allow form names as mnemonics: and.imm.reg, jz.rel16.
IDENT     : [a-zA-Z_] [a-zA-Z0-9_.]* ;
NUMBER    : [0-9] [0-9a-fA-F]* [hH]
          | '0' [xX] [0-9a-fA-F]+
          | '0' [bB] [01]+
          | [0-9]+
          ;
CHAR      : '\'' (~['\\\r\n] | '\\' ~[\r\n]) '\'' ;
STRING    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
// Anything else is one bad character: the parser reports it, it never stops the lexer.
BAD       : . ;
