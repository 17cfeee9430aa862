"""Reading and writing the spreadsheets organizers keep their lists in: XLSX and CSV.

Rows are read one at a time (openpyxl in read-only mode, the csv reader), so an import never
holds the whole file. CSV is UTF-8 with or without the BOM Excel writes, separated by commas
or, as Excel writes them in an Indonesian locale, by semicolons. Written cells that a
spreadsheet would run as a formula are neutralised.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

#: A cell starting with one of these is a formula to a spreadsheet; it is written after a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet; the message says why, in the user's language."""


@dataclass(frozen=True)
class Column:
    """A column of an import: the name a row's value goes by, and the headers that name it."""

    name: str
    headers: tuple[str, ...]
    required: bool = False

    @property
    def header(self) -> str:
        """The header written in a template (the Indonesian one)."""
        return self.headers[0]


def header_key(text) -> str:
    """A header as compared: case, surrounding and repeated spaces do not matter."""
    return " ".join(str(text or "").split()).casefold()


def rows_read(file, *, filename: str) -> Iterator[list[str]]:
    """The rows of ``file`` (binary) as lists of text, the header row first.

    ``filename`` tells the format: ``.xlsx`` or ``.csv``."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx_rows(file)
    if name.endswith(".csv"):
        return _csv_rows(file)
    raise SpreadsheetError(gettext("Choose an XLSX or CSV file."))


def records_read(
    file, *, filename: str, columns: Iterable[Column]
) -> Iterator[tuple[int, dict[str, str]]]:
    """The data rows of ``file`` as (row number, {column name: text}), by the header row.

    Row numbers are those a spreadsheet shows (the header is row 1). Empty rows are skipped.
    Raises ``SpreadsheetError`` when a required column has no header."""
    rows = rows_read(file, filename=filename)
    header = next(rows, None)
    if header is None:
        raise SpreadsheetError(gettext("The file is empty."))
    positions = _column_positions(header, columns)
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        yield (
            number,
            {
                name: (row[index].strip() if index < len(row) else "")
                for name, index in positions.items()
            },
        )


def _column_positions(header: list[str], columns: Iterable[Column]) -> dict[str, int]:
    keys = [header_key(cell) for cell in header]
    positions, missing = {}, []
    for column in columns:
        found = [keys.index(header_key(h)) for h in column.headers if header_key(h) in keys]
        if found:
            positions[column.name] = found[0]
        elif column.required:
            missing.append(column.header)
    if missing:
        raise SpreadsheetError(
            ngettext(
                "The header row lacks the column %(columns)s.",
                "The header row lacks the columns %(columns)s.",
                len(missing),
            )
            % {"columns": ", ".join(missing)}
        )
    return positions


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(file) -> Iterator[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SpreadsheetError(gettext("The file is not a valid XLSX workbook.")) from error
    return _xlsx_iter(workbook)


def _xlsx_iter(workbook) -> Iterator[list[str]]:
    try:
        for row in workbook.active.iter_rows(values_only=True):
            yield [_text(value) for value in row]
    finally:
        workbook.close()


def _csv_rows(file) -> Iterator[list[str]]:
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    try:
        sample = text.read(8192)
    except UnicodeDecodeError as error:
        raise SpreadsheetError(gettext("The CSV file is not in UTF-8.")) from error
    first_line = sample.splitlines()[0] if sample else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    text.seek(0)
    return _csv_iter(text, delimiter)


def _csv_iter(text, delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(text, delimiter=delimiter)
    try:
        yield from reader
    except UnicodeDecodeError as error:
        raise SpreadsheetError(gettext("The CSV file is not in UTF-8.")) from error
    except csv.Error as error:
        raise SpreadsheetError(
            gettext("The CSV file cannot be read at line %(line)d.") % {"line": reader.line_num}
        ) from error


def cell_safe(value) -> object:
    """``value`` as a spreadsheet should store it: text that would run as a formula gets a
    leading quote; numbers and dates stay as they are."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_write(rows: Iterable[Iterable], output) -> None:
    """Write ``rows`` to the text stream ``output`` as CSV with a BOM, so Excel reads UTF-8."""
    output.write("\ufeff")
    writer = csv.writer(output)
    for row in rows:
        writer.writerow([cell_safe(value) for value in row])


def xlsx_write(rows: Iterable[Iterable], output, *, title: str = "Lokus") -> None:
    """Write ``rows`` to the binary stream ``output`` as an XLSX workbook of one sheet."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([cell_safe(value) for value in row])
    workbook.save(output)


def spreadsheet_response(rows: Iterable[Iterable], *, extension: str, name: str):
    """A download of ``rows`` as ``name``.csv or ``name``.xlsx; ``None`` for another extension."""
    from django.http import HttpResponse

    if extension == "xlsx":
        response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
        xlsx_write(rows, response, title=name)
    elif extension == "csv":
        response = HttpResponse(content_type=CSV_CONTENT_TYPE)
        csv_write(rows, response)
    else:
        return None
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response
