"""The key that signs certificates: made on first use, kept beside the laptop's identity.

The private key never goes into the database file, which travels on USB sticks; its
public half does (see `services.certificates`), so that any laptop holding the database
can check a certificate offline.
"""

import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from trainingdesk.storage.identity import config_dir

KEY_FILE = "certificate-signing-key.pem"


def signing_key_path() -> Path:
    """Where this laptop keeps its signing key."""
    return config_dir() / KEY_FILE


class SigningKey:
    """An Ed25519 key read from (or first written to) a PEM file readable by its owner only."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key

    @classmethod
    def load_or_create(cls, path: Path) -> "SigningKey":
        """The key in `path`, made there (mode 0600) if the file does not exist yet."""
        if path.exists():
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError(f"{path} does not hold an Ed25519 signing key")
            return cls(key)
        key = Ed25519PrivateKey.generate()
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # Created with owner-only permissions from the start, never readable by others.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
        return cls(key)

    def sign(self, message: bytes) -> bytes:
        """A 64-byte signature."""
        return self._key.sign(message)

    def public_raw(self) -> bytes:
        """The 32 bytes of the public key."""
        return self._key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    def public_pem(self) -> str:
        """The public key as PEM text, to hand to anyone who checks certificates."""
        return (
            self._key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode("ascii")
        )


def signature_matches(public_keys: list[bytes], message: bytes, signature: bytes) -> bool:
    """True if any of the public keys (raw, 32 bytes) made this signature of the message."""
    for raw in public_keys:
        try:
            Ed25519PublicKey.from_public_bytes(raw).verify(signature, message)
        except (InvalidSignature, ValueError):
            continue
        return True
    return False
