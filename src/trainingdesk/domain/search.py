"""Search keys: what a person is found by, computed once when the person is saved."""

from functools import lru_cache

from trainingdesk.domain.names import match_key, normalize_identifier, search_tokens

# The same given and family names recur thousands of times in rosters and imports.
_name_key = lru_cache(maxsize=65_536)(match_key)


def person_search_key(
    *,
    given_name: str,
    family_name: str,
    native_name: str,
    father_name: str,
    father_name_native: str,
    service_number: str,
    phone: str,
) -> str:
    """One string holding every name's match key and the bare identifiers, space separated."""
    names = (given_name, family_name, native_name, father_name, father_name_native)
    keys = [_name_key(name) for name in names if name.strip()]
    keys += [
        normalize_identifier(number).lower() for number in (service_number, phone) if number.strip()
    ]
    return " ".join(key for key in keys if key)


def query_tokens(query: str) -> tuple[str, ...]:
    """Tokens of a search box's text; a row matches when its key contains all of them.

    Identifiers are stored without separators, so "AF-12 345" (tokens "af12", "345") and
    "12345" both find a stored "AF12345".
    """
    return search_tokens(query)
