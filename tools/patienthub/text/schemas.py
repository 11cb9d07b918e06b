"""JSON Schema validation of YAML (front matter and every data file) with Dutch findings at their own lines.

Each schema in schemas/ is the one definition of its file: editors' VS Code validates with it while typing, the web
editor's fields are generated from it, and `patienthub check` validates with it here. One function for all of them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from patienthub.core import limits, packagedata
from patienthub.core.findings import Finding, Severity
from patienthub.text.frontmatter import to_json_compatible

if TYPE_CHECKING:  # imported when something is validated: a run that finds nothing changed never is
    import jsonschema

FIELD_NAMES_NL = {
    "title": "de titel (title)",
    "description": "de beschrijving (description)",
    "type": "het soort pagina (type)",
    "owner": "de verantwoordelijke organisatie (owner)",
    "last_reviewed": "de datum van de laatste controle (last_reviewed)",
    "next_review": "de datum van de volgende controle (next_review)",
    "status": "de status (status)",
    "sources": "de bronnen (sources)",
}


def _date_in_range(value: object) -> bool:
    """JSON Schema's `date` format, and a year in the range of data/limits.yml: year 9999 is a real date, but
    a review date plus 36 months overflows, and no review or source of this site lies there."""
    if not isinstance(value, str):
        return True
    return _real_date(value) and limits.date_in_range(dt.date.fromisoformat(value))


@cache
def _formats() -> jsonschema.FormatChecker:
    import jsonschema

    formats = jsonschema.FormatChecker()
    formats.checks("date")(_date_in_range)
    return formats


@cache
def schema_document(schema_file: str) -> dict[str, Any]:
    text = resources.files("patienthub").joinpath("schemas", schema_file).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _data_validator(schema_file: str) -> jsonschema.Draft202012Validator:
    return validator(schema_document(schema_file))


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    """A validator of `schema`, with the formats the hub checks (a date is a real date in range)."""
    import jsonschema

    return jsonschema.Draft202012Validator(schema, format_checker=_formats())


def validate_data(data: Any, schema_file: str, located: Any, path: str) -> list[Finding]:
    """Validate a data file (outcome dataset, keuzekaart, ...) against its own schema in schemas/, with the
    same Dutch findings as front matter. `located` has `line_of(*key)` (a DataFile or FrontMatter)."""
    return validate_entries(data, schema_file, located, path).findings


class Validation(NamedTuple):
    findings: list[Finding]
    broken: frozenset[str]  # keys of entries that did not match
    outside: bool  # an error outside the entries: the file as a whole is not usable


def validate_entries(
    data: Any, schema_file: str, located: Any, path: str, under: tuple[str, ...] = ()
) -> Validation:
    """validate_data for a registry (a mapping of key to entry, at `under` in the file), also naming the entries
    that did not match: they are not used, but they exist, so a page citing one is not blamed for the data file's
    mistake. An error outside the entries (a misspelt top-level key) names no entry."""
    validator = _data_validator(schema_file)
    errors = sorted(validator.iter_errors(to_json_compatible(data)), key=lambda e: list(e.absolute_path))
    invalid = set()
    outside = False
    depth = len(under)
    for error in errors:
        where = tuple(error.absolute_path)
        if where[:depth] == under and len(where) > depth:
            invalid.add(str(where[depth]))
        elif where == under and _bad_key(error):
            invalid.add(str(error.instance))
        else:
            outside = True
    findings = [found for error in errors for found in error_findings(error, located, path)]
    return Validation(findings, frozenset(invalid), outside)


def _bad_key(error: jsonschema.ValidationError) -> bool:
    """An error about a key itself (propertyNames): jsonschema gives it the path of the mapping that holds it."""
    return bool(error.relative_schema_path) and error.relative_schema_path[0] == "propertyNames"


def best_match(errors: Any) -> jsonschema.ValidationError:
    from jsonschema.exceptions import best_match

    return best_match(errors)


def _most_relevant(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For "one of these forms" (a phrase is text or a mapping), the error of the form the editor chose: a
    misspelt key inside the mapping is reported at that key, not as "no form fits"."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        # The branches whose type fits the value (a mapping, not text) say what is wrong with it.
        misfits = {
            e.relative_schema_path[0] for e in error.context if e.validator == "type" and not e.relative_path
        }
        fitting = [e for e in error.context if e.relative_schema_path[0] not in misfits]
        error = best_match(fitting or error.context)
    return error


def error_findings(error: jsonschema.ValidationError, fm: Any, path: str) -> list[Finding]:
    """One finding per error; two when the top level has both theme keys and other unknown keys."""
    error = _most_relevant(error)
    first = _finding(error, fm, path)
    if first.rule == "schema.theme-key":
        known = set(error.schema.get("properties", {}))
        if set(error.instance) - known - theme_keys():
            return [first, _finding(error, fm, path, theme=False)]
    return [first]


def _finding(error: jsonschema.ValidationError, fm: Any, path: str, theme: bool = True) -> Finding:
    where = tuple(error.absolute_path)
    line = fm.line_of(*where, error.instance) if _bad_key(error) else fm.line_of(*where)
    field = ".".join(str(p) for p in where) or "het gegevensblok"
    value = error.instance
    validator = error.validator
    severity = Severity.ERROR
    suggestion = ""
    if validator == "required":
        # jsonschema reports each missing key as its own error, naming it only in the message.
        missing = [name for name in error.validator_value if name not in (error.instance or {})]
        name = next((m for m in missing if error.message.startswith(repr(m))), missing[0] if missing else "?")
        rule = "schema.required"
        message = f"{FIELD_NAMES_NL.get(name, name).capitalize()} ontbreekt."
        if where:
            message = f"In {field} ontbreekt '{name}'."
        suggestion = f"Voeg een regel '{name}: …' toe."
    elif (
        validator == "additionalProperties"
        and theme
        and not where
        and (themed := _theme_keys(error.instance))
    ):
        rule = "schema.theme-key"
        line = fm.line_of(themed[0])
        message = (
            f"De sleutel(s) {', '.join(repr(k) for k in themed)} veranderen hoe de site de pagina toont "
            "(sjabloon, menu, zoeken); een pagina mag die niet zelf instellen."
        )
        suggestion = (
            "Haal de regel weg. 'template' zou de pagina zonder beveiliging (Content-Security-Policy) tonen; "
            "deze regel kan niet worden uitgezet."
        )
    elif validator == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - known - set(_theme_keys(error.instance) if not where else ()))
        rule = "schema.unknown-key"
        line = fm.line_of(*where, extra[0]) if extra else line
        message = (
            f"Onbekende sleutel(s) {', '.join(repr(e) for e in extra)} in {field}; alleen de sleutels van het "
            "schema zijn toegestaan."
        )
        suggestion = "Controleer de spelling; bekende sleutels staan in de handleiding voor redacteuren."
        meant = [f"'{m[0]}'" for e in extra if (m := difflib.get_close_matches(e, sorted(known), n=1))]
        if meant:  # a typo in a required key also gives schema.required; this names the fix
            suggestion = f"Bedoelt u {' of '.join(meant)}? " + suggestion
    elif validator == "format" and error.validator_value == "date" and _real_date(value):
        rule = "schema.date-range"
        message = f"{field}: {value} ligt niet tussen {limits.year_range()}."
        suggestion = "Controleer het jaartal; schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-12."
    elif validator == "format" and error.validator_value == "date":
        rule = "schema.date"
        if isinstance(value, str) and "T" in value:
            message = f"{field}: '{value}' is een datum met tijd; gebruik alleen de datum."
        else:
            message = f"{field}: '{value}' is geen bestaande datum in de vorm JJJJ-MM-DD."
        suggestion = "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-12."
    elif validator == "enum":
        rule = "schema.enum"
        options = ", ".join(str(o) for o in error.validator_value)
        message = f"{field}: '{value}' is geen geldige waarde."
        suggestion = f"Kies uit: {options}."
    elif validator == "maxLength":
        rule = "schema.too-long"
        message = f"{field} is {len(value)} tekens lang; het maximum is {error.validator_value}."
        suggestion = "Maak de tekst korter; zoekmachines tonen niet meer."
    elif validator in ("minLength", "minItems", "minProperties"):
        rule = "schema.empty"
        message = f"{field} is leeg."
        suggestion = "Vul een waarde in" + (" (minstens één bron)." if field == "sources" else ".")
    elif validator == "type":
        rule = "schema.type"
        expected = error.validator_value
        names = {
            "string": "tekst",
            "array": "een lijst",
            "object": "sleutels met waarden",
            "integer": "een geheel getal",
            "number": "een getal",
            "boolean": "true of false",
            "null": "leeg",
        }
        wanted = " of ".join(names.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        message = f"{field} moet {wanted} zijn, maar is {_describe(value)}."
        suggestion = "Zie het voorbeeld in de handleiding voor redacteuren."
    elif validator == "pattern":
        rule = "schema.format"
        message = f"{field}: '{value}' heeft niet de juiste vorm."
        if _bad_key(error):
            message = f"De sleutel '{value}'{' in ' + field if where else ''} heeft niet de juiste vorm."
        # A schema's description of the field is written for editors: it says what the right form is.
        suggestion = error.schema.get("description") or {
            "owner": "Gebruik de sleutel van de organisatie in kleine letters, bijvoorbeeld nhg.",
        }.get(field, "Gebruik kleine letters, cijfers en streepjes, of een adres dat begint met https://.")
    elif validator == "uniqueItems":
        rule = "schema.duplicate-value"
        message = f"{field} noemt dezelfde waarde twee keer."
        suggestion = "Haal de dubbele waarde weg."
    elif validator in ("minimum", "maximum"):
        rule = "schema.invalid"
        bound = "kleinste" if validator == "minimum" else "grootste"
        message = f"{field}: {value} kan niet; het {bound} toegestane getal is {error.validator_value}."
        suggestion = "Controleer het getal in de bron."
    elif validator == "maxItems":
        rule = "schema.invalid"
        message = f"{field} heeft {len(value)} waarden; het maximum is {error.validator_value}."
        suggestion = "Haal de extra waarden weg; zie het voorbeeld in de handleiding voor redacteuren."
    else:
        rule = "schema.invalid"
        message = f"{field} voldoet niet aan het schema ({error.message})."
        suggestion = "Zie het voorbeeld in de handleiding voor redacteuren."
    return Finding(rule, severity, path, line, message, suggestion)


@cache
def theme_keys() -> frozenset[str]:
    """Front-matter keys that change how MkDocs or the theme renders a page (data/theme_keys.yml)."""
    return frozenset(packagedata.yaml_file("theme_keys.yml")["keys"])


def _theme_keys(instance: Any) -> list[str]:
    return sorted(k for k in instance if k in theme_keys()) if isinstance(instance, dict) else []


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _real_date(value: Any) -> bool:
    """YYYY-MM-DD, a day that exists."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _describe(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met sleutels"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    return f"'{value}'"
