"""Query rows as a pandas DataFrame with typed columns (the ``pandas`` extra).

A column whose values are all literals of one kind gets that kind's dtype:
integers (xsd:integer and its subtypes) ``Int64``, decimals and doubles
``Float64``, booleans ``boolean``, dates and date-times ``datetime64``;
any other column (IRIs, labels, a mixture) is ``string``. Unbound values are
missing values (``<NA>``, ``NaT``), so a column keeps its type however many
rows lack it.
"""

from __future__ import annotations

from .errors import KGError

__all__ = ["to_dataframe"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_KINDS = {
    **{_XSD + name: "Int64" for name in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                          "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                          "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")},
    _XSD + "decimal": "Float64", _XSD + "double": "Float64", _XSD + "float": "Float64",
    _XSD + "boolean": "boolean", _XSD + "date": "datetime64", _XSD + "dateTime": "datetime64",
}


def _kind(term) -> str:
    datatype = getattr(term, "datatype", None)
    return "string" if datatype is None else _KINDS.get(datatype.value, "string")


def _column(terms: list, pd):
    kinds = {_kind(term) for term in terms if term is not None}
    kind = kinds.pop() if len(kinds) == 1 else "string"
    values = [None if term is None else term.value for term in terms]
    if kind == "datetime64":
        return pd.to_datetime(pd.Series(values, dtype="string"))
    if kind == "boolean":
        values = [None if value is None else value in ("true", "1") for value in values]
    elif kind == "Int64":
        values = [None if value is None else int(value) for value in values]
    elif kind == "Float64":
        values = [None if value is None else float(value) for value in values]
    return pd.Series(values, dtype=kind)


def to_dataframe(variables: list[str], rows: list[list]):
    """A DataFrame of SELECT rows given as pyoxigraph terms (None where unbound)."""
    try:
        import pandas as pd
    except ImportError:
        raise KGError("to_dataframe needs pandas: pip install 'wuzhen-kg[pandas]'") from None
    return pd.DataFrame({name: _column([row[i] for row in rows], pd) for i, name in enumerate(variables)},
                        columns=variables)
