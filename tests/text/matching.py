"""How the index matches a query, in Python: every query term needs one alternative whose
tokens a record carries (words, kanji sub-words and related-term tags alike)."""

from tsunagu.text import index_tokens, parse_query


def record_tokens(text: str) -> set[str]:
    tokens = index_tokens(text)
    return set(tokens.words) | set(tokens.extra)


def finds(query: str, text: str) -> bool:
    carried = record_tokens(text)
    terms = parse_query(query).terms
    return bool(terms) and all(
        any(
            all(
                token in carried or (alternative.prefix and any(c.startswith(token) for c in carried))
                for token in alternative.tokens
            )
            for alternative in term.alternatives
        )
        for term in terms
    )
