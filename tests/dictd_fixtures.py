"""A tiny FreeDict-style dictd pair (gzip data and a base64-offset index) for lexicon tests."""

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(n: int) -> str:
    """A dictd index number: base 64 with the alphabet above, most significant digit first."""
    out = ""
    while True:
        out = ALPHABET[n % 64] + out
        n //= 64
        if not n:
            return out


def dictd_parts(bodies: list[tuple[str, str]]) -> tuple[bytes, list[str]]:
    """The uncompressed data and the index rows of ``bodies`` ((headword, body) in order)."""
    data, index = b"", []
    for head, body in bodies:
        raw = body.encode("utf-8")
        index.append(f"{head}\t{b64(len(data))}\t{b64(len(raw))}")
        data += raw
    return data, index
