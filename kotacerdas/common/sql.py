"""Plain statements for the few reads every signed-in request makes, where the ORM's query building costs more
than the statement itself (issue 18, target 3; docs/bench.md): the text is built once from the model's own
metadata, and the value is always a parameter."""

import functools

from django.db import connection


@functools.cache
def select_where(model, field: str, columns: tuple[str, ...] = ()) -> str:
    """`SELECT <columns, or *> FROM <model's table> WHERE <field's column> = %s` ("pk" names the primary key)."""
    opts, quote = model._meta, connection.ops.quote_name
    chosen = ", ".join(quote(opts.get_field(name).column) for name in columns) or "*"
    column = opts.pk.column if field == "pk" else opts.get_field(field).column
    # Only names from the model's metadata go into the text.
    return f"SELECT {chosen} FROM {quote(opts.db_table)} WHERE {quote(column)} = %s"  # noqa: S608
