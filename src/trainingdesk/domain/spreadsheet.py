"""Cells that a spreadsheet must show as text, never run as a formula (CSV injection).

Whatever TrainingDesk writes for Excel or LibreOffice, from a file someone else made or
from names typed by anyone, goes through `inert_cell`.
"""

import re

# What Excel, LibreOffice and Google Sheets take as the start of a formula (OWASP "CSV
# injection"), with the full-width forms that East Asian input methods produce.
FORMULA_START = frozenset("=+-@＝＋－＠")
# Tab and carriage return first: some programs drop them and then see the formula.
_CONTROL_START = ("\t", "\r")
# A plain signed number is data, not a formula, and spreadsheets read it as a number.
_SIGNED_NUMBER = re.compile(r"[+\-]\d+(?:[.,]\d+)?%?")
# A lone dash or plus, which rosters write for "none", is text to every spreadsheet.
_LONE_SIGNS = frozenset({"-", "+"})


def inert_cell(text: str) -> str:
    """`text` made safe to open in a spreadsheet: a formula-like cell gets a leading `'`.

    A cell is formula-like when it starts with a tab or carriage return, or when its first
    character after any spaces and tabs is `=`, `+`, `-` or `@` (or their full-width forms).
    Left alone, because spreadsheets take them as data: plain signed numbers (`-5`, `+93`,
    `-1.5`) and a lone `-` or `+`. The apostrophe is what Excel itself uses to mark text.
    """
    if text.startswith(_CONTROL_START):
        return "'" + text
    body = text.lstrip(" \t")
    if not body or body[0] not in FORMULA_START:
        return text
    if body in _LONE_SIGNS or _SIGNED_NUMBER.fullmatch(body):
        return text
    return "'" + text
