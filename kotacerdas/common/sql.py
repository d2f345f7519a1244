"""Plain statements where the ORM's query building costs more than the statement itself (issue 18; docs/bench.md):
the few reads every signed-in request makes (target 3), the rows every citizen report inserts (target 1), and
the roll-up rows a verification writes (target 4). The text is built once per model from the model's own
metadata, and every value is a parameter."""

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


def _new_row_fields(model) -> tuple:
    """The fields a new row of the model is stored with: the local concrete ones but the auto id and generated
    columns."""
    opts = model._meta
    if opts.parents or opts.auto_field is None:
        raise TypeError(f"{opts.label}: a plain insert needs a model with its own auto id and no parent")
    return tuple(f for f in opts.local_concrete_fields if f is not opts.auto_field and not f.generated)


@functools.cache
def _insert_statement(model, vendor: str) -> tuple[str, tuple]:
    """(`INSERT INTO <table> (<columns>) VALUES (%s, …) RETURNING <id>`, the fields in that order) for a model
    whose id the database assigns."""
    opts, quote = model._meta, connection.ops.quote_name
    fields = _new_row_fields(model)
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


@functools.cache
def _upsert_statement(model, vendor: str, rows: int, unique: tuple[str, ...], update: tuple[str, ...]) -> str:
    """`INSERT INTO <table> (<columns>) VALUES (%s, …), … ON CONFLICT (<unique>) DO UPDATE SET <c> = EXCLUDED.<c>, …`
    for `rows` rows (PostgreSQL and SQLite spell it alike)."""
    opts, quote = model._meta, connection.ops.quote_name
    fields = _new_row_fields(model)
    columns = ", ".join(quote(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    conflict = ", ".join(quote(opts.get_field(name).column) for name in unique)
    assign = ", ".join(f"{c} = EXCLUDED.{c}" for c in (quote(opts.get_field(name).column) for name in update))
    values = ", ".join([row] * rows)
    # Only names from the model's metadata go into the text.
    head = f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES {values}"  # noqa: S608
    return f"{head} ON CONFLICT ({conflict}) DO UPDATE SET {assign}"


def upsert(objs: list, *, unique_fields: tuple[str, ...], update_fields: tuple[str, ...]) -> None:
    """Store new instances of one model as `bulk_create(objs, update_conflicts=True, unique_fields=…,
    update_fields=…)` does — a row that exists by `unique_fields` gets only `update_fields` (an `auto_now`
    field among them is set to now), the others are inserted with their defaults and timestamps — with one
    plain statement. The instances' `pk` is not set. Falls back to `bulk_create` where a value is an expression
    or the database has no `ON CONFLICT … DO UPDATE`."""
    if not objs:
        return
    model = type(objs[0])
    fields = _new_row_fields(model)
    values = [[field.pre_save(obj, True) for field in fields] for obj in objs]
    plain = connection.features.supports_update_conflicts_with_target
    if not plain or any(hasattr(value, "resolve_expression") for row in values for value in row):
        model._default_manager.bulk_create(
            objs, update_conflicts=True, unique_fields=list(unique_fields), update_fields=list(update_fields)
        )
        return
    sql = _upsert_statement(model, connection.vendor, len(objs), tuple(unique_fields), tuple(update_fields))
    params = [
        field.get_db_prep_save(value, connection) for row in values for field, value in zip(fields, row, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _condition(opts, lookup: str, size: int) -> str:
    """The SQL of one `increment` condition (`size`: the length of an `__in` list)."""
    quote = connection.ops.quote_name
    name, _, rest = lookup.partition("__")
    field = opts.get_field(name)
    if rest == "in":
        return f"{quote(field.column)} IN ({', '.join(['%s'] * size)})"
    if rest:  # a foreign key, its related row found by another of its fields (as a subquery)
        related = field.related_model._meta
        key, match = quote(field.target_field.column), quote(related.get_field(rest).column)
        return f"{quote(field.column)} = (SELECT {key} FROM {quote(related.db_table)} WHERE {match} = %s)"  # noqa: S608
    return f"{quote(field.column)} = %s"


@functools.cache
def _increment_statement(model, vendor: str, field: str, where: tuple[tuple[str, int], ...]) -> str:
    """`UPDATE <table> SET <field> = <field> + 1 WHERE <condition> AND …`."""
    opts, quote = model._meta, connection.ops.quote_name
    column = quote(opts.get_field(field).column)
    conditions = " AND ".join(_condition(opts, lookup, size) for lookup, size in where)
    # Only names from the model's metadata go into the text.
    return f"UPDATE {quote(opts.db_table)} SET {column} = {column} + 1 WHERE {conditions}"  # noqa: S608


def increment(model, field: str, **where) -> int:
    """Add one to `field` of the rows matching `where`, as `model.objects.filter(**where).update(field=F(field) + 1)`
    does (no `auto_now` field is touched), with one plain statement; returns how many rows it changed. `where`
    maps a field's name (a foreign key's name to the related row's id) to a value, `<name>__in` to a list, and
    `<foreign key>__<field>` to a value of the related row's field, which must identify it (a region's slug);
    values as the database takes them (ids, text, numbers: no model instances)."""
    lookups = tuple(sorted(where))
    if any(lookup.endswith("__in") and not where[lookup] for lookup in lookups):
        return 0  # nothing can match, as the ORM knows without asking
    sizes = tuple((lookup, len(where[lookup]) if lookup.endswith("__in") else 0) for lookup in lookups)
    params = [v for lookup in lookups for v in (where[lookup] if lookup.endswith("__in") else [where[lookup]])]
    with connection.cursor() as cursor:
        cursor.execute(_increment_statement(model, connection.vendor, field, sizes), params)
        return cursor.rowcount
