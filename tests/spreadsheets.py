"""Spreadsheet files for the import tests, made the way organizers' programs make them."""

import io

from openpyxl import Workbook, load_workbook


def xlsx_file(rows) -> io.BytesIO:
    """An XLSX workbook made with openpyxl, as an organizer's spreadsheet program saves it."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    return output


def excel_csv(rows, *, delimiter=";") -> io.BytesIO:
    """A CSV file as Excel writes it in an Indonesian locale: a BOM, semicolons, CRLF."""
    lines = [delimiter.join(row) for row in rows]
    return io.BytesIO(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))


def xlsx_rows(content: bytes) -> list[list]:
    """The cell values of the first sheet of an XLSX file."""
    workbook = load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]
