"""The policy's built-in finders of personal data: e-mail addresses, phone numbers, Finnish personal
identity codes and IBANs. The last two are checked with their checksums, so ordinary numbers never
trip them; phone numbers follow international and Finnish ways of writing them, and numbers that read
as prices, dates or ids inside links are left alone.

Each finder returns (start, end) spans into the text it is handed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence

Span = tuple[int, int]

# E-mail ---------------------------------------------------------------------------------------

# The look-behind makes a match start only where a run of address characters starts, which keeps
# the search linear on long runs of letters without an "@".
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w%+-](?:[\w.%+-]*[\w%+-])?@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*"
    r"\.[^\W\d_]{2,}(?![\w-])"
)


def find_emails(text: str) -> list[Span]:
    return [m.span() for m in _EMAIL.finditer(text)]


# Links ----------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_LINK_START = re.compile(r"[\w.+-]*://|www\.|[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}/", re.IGNORECASE)


def find_links(text: str) -> list[Span]:
    """Words that are links: with a scheme (https://…), starting www., or a domain and a path
    (example.com/…). Linear in the text, whatever it holds (a link finder that is not has taken
    seconds on "a.a.a.…")."""
    return [m.span() for m in _TOKEN.finditer(text) if _LINK_START.match(m.group())]


# Phone numbers --------------------------------------------------------------------------------

_PHONE = re.compile(
    r"""
    (?<![\w+.,/-])(?<!\d\s)
    (?:
        (?P<intl>(?:\+|00)[1-9]\d{0,3})          # country code, after + or the 00 prefix
        (?:[ .-]?\(0\))?                        # +358 (0) 40 ...
        (?:[ .-]?\(?\d{1,4}\)?){2,5}
    |
        (?:\(0\d{1,3}\)|0[1-9]\d{0,2})           # Finnish area or mobile prefix: 09, 040, (09), 0800
        (?:[ -]?\d{2,4}){2,4}
    )
    # The whole run of digit groups or nothing: never a piece of a longer number.
    (?![\w]|[.,]\d|[ .-]\(?\d)
    """,
    re.VERBOSE,
)
# After these a number is an amount, not something to dial.
_UNIT_AFTER = re.compile(
    r"\s?(?:[€$£%‰]|(?:e|eur|euro\w*|usd|dollar\w*|kpl|pcs|m€|k€|km|kg)(?!\w))", re.IGNORECASE
)
_DATE_LIKE = re.compile(r"\d{1,2}[-.]\d{1,2}[-.]\d{2,4}")


def find_phones(text: str, skip: Sequence[Span] = ()) -> list[Span]:
    """Phone numbers, leaving out any that overlaps a span in `skip` (links, identity codes, IBANs)."""
    spans: list[Span] = []
    for match in _PHONE.finditer(text):
        start, end = match.span()
        digits = sum(c.isdigit() for c in match.group())
        if match["intl"] is not None:
            digits -= 2 if match["intl"].startswith("00") else 0  # the 00 prefix is not the number's
            if not 8 <= digits <= 15:
                continue
        elif not 7 <= digits <= 12 or _DATE_LIKE.fullmatch(match.group()):
            continue
        if _UNIT_AFTER.match(text, end) or (start > 0 and text[start - 1] in "€$£"):
            continue
        if any(s < end and start < e for s, e in skip):
            continue
        spans.append((start, end))
    return spans


# Finnish personal identity codes (henkilötunnus) ------------------------------------------------

_PERSONAL_ID = re.compile(
    r"(?<![\w+-])(?P<date>\d{6})(?P<century>[-+A-FU-Y])(?P<number>\d{3})(?P<check>[0-9A-Y])(?!\w)",
    re.IGNORECASE,
)
_CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# "+" 1800s; "-" and, since 2023, Y X W V U 1900s; A and, since 2023, B C D E F 2000s.
_CENTURIES = {"+": 1800, **dict.fromkeys("-YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}


def personal_id_valid(code: str) -> bool:
    """Whether `code` is a well-formed henkilötunnus: a real date, a century sign, the check character."""
    match = _PERSONAL_ID.fullmatch(code.strip())
    if match is None:
        return False
    date, century, number = match["date"], match["century"].upper(), match["number"]
    day, month, year = int(date[:2]), int(date[2:4]), _CENTURIES[century] + int(date[4:])
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return False
    if int(number) < 2:  # individual numbers run 002–899 (900–999 temporary)
        return False
    return _CHECK_CHARS[int(date + number) % 31] == match["check"].upper()


def find_personal_ids(text: str) -> list[Span]:
    return [m.span() for m in _PERSONAL_ID.finditer(text) if personal_id_valid(m.group())]


# IBANs ----------------------------------------------------------------------------------------

# Length of the IBAN per country (the IBAN registry); a country not listed has no IBAN.
_IBAN_LENGTHS = {
    code: int(length)
    for code, length in re.findall(
        r"([A-Z]{2}):(\d+)",
        """
        AD:24 AE:23 AL:28 AT:20 AZ:28 BA:20 BE:16 BG:22 BH:22 BI:27 BR:29 BY:28 CH:21 CR:22 CY:28 CZ:24
        DE:22 DJ:27 DK:18 DO:28 EE:20 EG:29 ES:24 FI:18 FK:18 FO:18 FR:27 GB:22 GE:22 GI:23 GL:18 GR:27
        GT:28 HR:21 HU:28 IE:22 IL:23 IQ:23 IS:26 IT:27 JO:30 KW:30 KZ:20 LB:28 LC:32 LI:21 LT:20 LU:20
        LV:21 LY:25 MC:27 MD:24 ME:22 MK:19 MN:20 MR:27 MT:31 MU:30 NI:28 NL:18 NO:15 OM:23 PK:24 PL:28
        PS:29 PT:25 QA:29 RO:24 RS:22 RU:33 SA:24 SC:31 SD:18 SE:24 SI:19 SK:24 SM:27 SO:23 ST:25 SV:28
        TL:23 TN:24 TR:26 UA:29 VA:22 VG:24 XK:20
        """,
    )
}
# Generous on purpose: the country's length then decides where the IBAN ends.
_IBAN_START = re.compile(r"(?<!\w)[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}", re.IGNORECASE)


def iban_valid(text: str) -> bool:
    """Whether `text` (spaces allowed) is an IBAN of a known country whose mod-97 check holds."""
    compact = text.replace(" ", "").upper()
    if not compact.isascii() or not compact.isalnum() or _IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    if not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def find_ibans(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _IBAN_START.finditer(text):
        length = _IBAN_LENGTHS.get(match.group()[:2].upper())
        if length is None:
            continue
        end = _end_after(text, match.start(), length)
        if end is None or end > match.end() or (end < len(text) and text[end].isalnum()):
            continue
        if iban_valid(text[match.start() : end]):
            spans.append((match.start(), end))
    return spans


def _end_after(text: str, start: int, count: int) -> int | None:
    """Where the `count`th letter or digit from `start` ends, skipping single spaces."""
    seen = 0
    for index in range(start, len(text)):
        if text[index] != " ":
            seen += 1
            if seen == count:
                return index + 1
    return None
