"""Plain statements where the ORM's query building costs more than the statement itself (issue 18; docs/bench.md):
the few reads every signed-in request makes (target 3), and the rows every citizen report inserts (target 1).
The text is built once per model from the model's own metadata, and every value is a parameter."""

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


@functools.cache
def _insert_statement(model, vendor: str) -> tuple[str, tuple]:
    """(`INSERT INTO <table> (<columns>) VALUES (%s, …) RETURNING <id>`, the fields in that order) for a model
    whose id the database assigns."""
    opts, quote = model._meta, connection.ops.quote_name
    if opts.parents or opts.auto_field is None:
        raise TypeError(f"{opts.label}: a plain insert needs a model with its own auto id and no parent")
    fields = tuple(f for f in opts.local_concrete_fields if f is not opts.auto_field and not f.generated)
    columns = ", ".join(quote(f.column) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    # Only names from the model's metadata go into the text.
    sql = f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES ({values}) RETURNING {quote(opts.pk.column)}"  # noqa: S608
    return sql, fields


def insert(obj) -> None:
    """Store a new model instance as `obj.save()` does for a new row (defaults, `auto_now_add`, each field's
    conversion for the database), with one plain statement that sets `obj.pk`. The model's save signals are
    not sent: only for models nothing listens to (the audit trail, citizen reports). Falls back to `save()`
    where a value is an expression (a database default) or the database cannot return the new id."""
    if not connection.features.can_return_columns_from_insert:
        obj.save()
        return
    sql, fields = _insert_statement(type(obj), connection.vendor)
    values = [field.pre_save(obj, True) for field in fields]
    if any(hasattr(value, "resolve_expression") for value in values):
        obj.save()
        return
    params = [field.get_db_prep_save(value, connection) for field, value in zip(fields, values, strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        obj.pk = cursor.fetchone()[0]
    obj._state.adding = False
    obj._state.db = connection.alias
