"""Certificate serial numbers and the signed text a certificate's QR code carries.

The QR code holds, in plain text that any phone scanner shows, the serial, the holder's
name, the exercise, the issue date and an Ed25519 signature over those four facts:

    TD1|APCP-2013-000123|Mohammad Karimi|JTX-2012-03|2013-10-10|<signature, base32>

so that a certificate can be checked with no network and without the register. The short
code printed under it (serial and the signature's first characters) is checked against
the register.
"""

import base64
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

SERIAL_PREFIX = "APCP"
QR_VERSION = "TD1"
SHORT_SIGNATURE = 8
# The second language of a certificate, beside English, by language code.
LANGUAGES = {"prs": "Dari", "ps": "Pashto", "ur": "Urdu", "fr": "French"}
MAX_SIGNATORIES = 3
MAX_LOGOS = 3
MAX_IMAGE_BYTES = 2_000_000
_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
_SERIAL = re.compile(rf"^{SERIAL_PREFIX}-(\d{{4}})-(\d{{6}})$")
_SHORT_CODE = re.compile(rf"^({SERIAL_PREFIX}-\d{{4}}-\d{{6}})-([A-Z2-7]{{{SHORT_SIGNATURE}}})$")


def image_problem(data: bytes) -> str | None:
    """Why these bytes cannot go on a certificate as a logo or signature, or None."""
    if not data.startswith(_IMAGE_SIGNATURES):
        return "is not a PNG or JPEG image"
    if len(data) > MAX_IMAGE_BYTES:
        return f"is larger than {MAX_IMAGE_BYTES // 1_000_000} MB; use a smaller image"
    return None


def format_serial(year: int, number: int) -> str:
    """`APCP-2013-000123`: the programme, the year of issue, a number never used again."""
    return f"{SERIAL_PREFIX}-{year:04d}-{number:06d}"


def parse_serial(text: str) -> tuple[int, int] | None:
    """(year, number) of a serial, or None if the text is not one."""
    match = _SERIAL.match(text.strip().upper())
    return (int(match.group(1)), int(match.group(2))) if match else None


@dataclass(frozen=True)
class SignedFacts:
    """What a certificate's signature vouches for."""

    serial: str
    name: str
    exercise_code: str
    issue_date: date

    def message(self) -> bytes:
        """The exact bytes that are signed."""
        return "|".join(self._fields()).encode("utf-8")

    def _fields(self) -> tuple[str, ...]:
        # A "|" inside a name would shift the fields: it is written as "/".
        return (
            self.serial,
            " ".join(self.name.replace("|", "/").split()),
            self.exercise_code.replace("|", "/"),
            self.issue_date.isoformat(),
        )

    def qr_text(self, signature: bytes) -> str:
        """The text of the QR code."""
        return "|".join((QR_VERSION, *self._fields(), encode_signature(signature)))


def encode_signature(signature: bytes) -> str:
    """Base32 without padding: capitals and digits only, which QR codes store compactly."""
    return base64.b32encode(signature).decode("ascii").rstrip("=")


def decode_signature(text: str) -> bytes | None:
    """The signature bytes, or None if the text is not base32."""
    padded = text.strip().upper() + "=" * (-len(text.strip()) % 8)
    try:
        return base64.b32decode(padded)
    except ValueError:
        return None


def short_code(serial: str, signature: bytes) -> str:
    """`APCP-2013-000123-K7Q2M4XA`: short enough to type, checked against the register."""
    return f"{serial}-{encode_signature(signature)[:SHORT_SIGNATURE]}"


@dataclass(frozen=True)
class ReadCode:
    """What a scanned or typed code says, before anything is checked."""

    serial: str
    facts: SignedFacts | None = None  # from a QR text
    signature: bytes | None = None
    short_signature: str = ""  # from a short code


def read_code(text: str) -> ReadCode | None:
    """Understand a QR text, a short code or a bare serial; None if it is none of them."""
    text = text.strip()
    parts = text.split("|")
    if len(parts) == 6 and parts[0] == QR_VERSION:
        _, serial, name, exercise_code, issued, signature_text = parts
        signature = decode_signature(signature_text)
        try:
            issue_date = date.fromisoformat(issued)
        except ValueError:
            return None
        if parse_serial(serial) is None or signature is None:
            return None
        facts = SignedFacts(serial, name, exercise_code, issue_date)
        return ReadCode(serial, facts, signature)
    short = _SHORT_CODE.match(text.upper())
    if short:
        return ReadCode(short.group(1), short_signature=short.group(2))
    if parse_serial(text) is not None:
        return ReadCode(text.upper())
    return None


class VerificationStatus(StrEnum):
    """What checking a certificate concludes."""

    VALID = "valid"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"
    FORGED = "forged"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verification:
    """The answer to "is this certificate genuine?", in words a person can act on."""

    status: VerificationStatus
    serial: str
    explanation: str
    facts: SignedFacts | None = None
