//! elements.csv and importance.csv -> [`Element`]s and [`Ratings`]. The
//! importance file must rate every element, each between 1 and 5, and name
//! each occupation once.
use std::collections::HashMap;
use std::path::Path;

use super::{Element, OnetError, Ratings};
use crate::datasets::oews::SocCode;

fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().from_reader(bytes)
}

fn field_error(file: &Path, line: u64, column: &str, problem: String) -> OnetError {
    OnetError::Field {
        file: file.to_owned(),
        line,
        column: column.to_owned(),
        problem,
    }
}

fn header(file: &Path, reader: &mut csv::Reader<&[u8]>) -> Result<Vec<String>, OnetError> {
    Ok(reader
        .headers()
        .map_err(|source| OnetError::Csv {
            file: file.to_owned(),
            line: 1,
            source,
        })?
        .iter()
        .map(str::to_owned)
        .collect())
}

fn records<'r>(
    file: &'r Path,
    reader: &'r mut csv::Reader<&[u8]>,
) -> impl Iterator<Item = Result<(u64, csv::StringRecord), OnetError>> + 'r {
    reader.records().map(move |record| {
        let record = record.map_err(|source| OnetError::Csv {
            file: file.to_owned(),
            line: source.position().map_or(0, |p| p.line()),
            source,
        })?;
        Ok((record.position().map_or(0, |p| p.line()), record))
    })
}

/// Parses elements.csv (`element_id,element_name,kind`).
pub fn elements(file: &Path, bytes: &[u8]) -> Result<Vec<Element>, OnetError> {
    let mut reader = reader(bytes);
    let header = header(file, &mut reader)?;
    if header != ["element_id", "element_name", "kind"] {
        return Err(field_error(
            file,
            1,
            "header",
            format!(
                "expected element_id,element_name,kind; found {}",
                header.join(",")
            ),
        ));
    }
    let mut out: Vec<Element> = Vec::new();
    for row in records(file, &mut reader) {
        let (line, record) = row?;
        let id = record.get(0).unwrap_or_default().trim();
        let name = record.get(1).unwrap_or_default().trim();
        let kind = record.get(2).unwrap_or_default().trim();
        if id.is_empty() || out.iter().any(|e| e.element_id == id) {
            return Err(field_error(
                file,
                line,
                "element_id",
                format!("{id:?} is empty or repeated"),
            ));
        }
        if name.is_empty() {
            return Err(field_error(file, line, "element_name", "is empty".into()));
        }
        if !matches!(kind, "skill" | "work_activity") {
            return Err(field_error(
                file,
                line,
                "kind",
                format!("{kind:?} is not one of: skill, work_activity"),
            ));
        }
        out.push(Element {
            element_id: id.to_owned(),
            name: name.to_owned(),
            kind: kind.to_owned(),
        });
    }
    Ok(out)
}

/// Parses importance.csv (`soc_code,title,<element ids>`), returning each
/// occupation's ratings in the order of `elements`.
pub fn importance(
    file: &Path,
    bytes: &[u8],
    elements: &[Element],
) -> Result<Vec<Ratings>, OnetError> {
    let mut reader = reader(bytes);
    let header = header(file, &mut reader)?;
    let index: HashMap<&str, usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    for column in ["soc_code", "title"]
        .into_iter()
        .chain(elements.iter().map(|e| e.element_id.as_str()))
    {
        if !index.contains_key(column) {
            return Err(field_error(
                file,
                1,
                column,
                "is missing from the header".into(),
            ));
        }
    }
    let mut out = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in records(file, &mut reader) {
        let (line, record) = row?;
        let text = |column: &str| record.get(index[column]).unwrap_or_default().trim();
        let soc_code = SocCode::parse(text("soc_code"))
            .map_err(|e| field_error(file, line, "soc_code", e.to_string()))?
            .to_string();
        if let Some(first) = seen.insert(soc_code.clone(), line) {
            return Err(field_error(
                file,
                line,
                "soc_code",
                format!("{soc_code} already appears on line {first}"),
            ));
        }
        let mut importance = Vec::with_capacity(elements.len());
        for element in elements {
            let value = text(&element.element_id);
            match value.parse::<f64>() {
                Ok(v) if (1.0..=5.0).contains(&v) => importance.push(v),
                _ => {
                    return Err(field_error(
                        file,
                        line,
                        &element.element_id,
                        format!("{value:?} is not an importance rating from 1 to 5"),
                    ));
                }
            }
        }
        out.push(Ratings {
            soc_code,
            title: text("title").to_owned(),
            importance,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ELEMENTS: &str = "element_id,element_name,kind\n2.A.1.a,Reading Comprehension,skill\n4.A.3.a.1,Performing General Physical Activities,work_activity\n";

    #[test]
    fn reads_ratings_in_element_order() {
        let elements = elements(Path::new("elements.csv"), ELEMENTS.as_bytes()).unwrap();
        let ratings = importance(
            Path::new("importance.csv"),
            b"soc_code,title,4.A.3.a.1,2.A.1.a\n47-2111,Electricians,4.5,3.0\n",
            &elements,
        )
        .unwrap();
        assert_eq!(ratings[0].soc_code, "47-2111");
        assert_eq!(ratings[0].importance, [3.0, 4.5]);
    }

    #[test]
    fn a_bad_rating_names_file_line_and_column() {
        let elements = elements(Path::new("elements.csv"), ELEMENTS.as_bytes()).unwrap();
        let err = importance(
            Path::new("importance.csv"),
            b"soc_code,title,2.A.1.a,4.A.3.a.1\n47-2111,Electricians,3.0,4.5\n47-2061,Construction Laborers,6,4\n",
            &elements,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "importance.csv:3: column 2.A.1.a: \"6\" is not an importance rating from 1 to 5"
        );
        let err = importance(
            Path::new("importance.csv"),
            b"soc_code,title,2.A.1.a\n",
            &elements,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "importance.csv:1: column 4.A.3.a.1: is missing from the header"
        );
        let err = super::elements(
            Path::new("elements.csv"),
            b"element_id,element_name,kind\n2.A.1.a,Reading,knowledge\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "elements.csv:2: column kind: \"knowledge\" is not one of: skill, work_activity"
        );
    }

    #[test]
    fn parses_the_bundled_files() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/onet-30.1-skills");
        let elements_path = dir.join("elements.csv");
        let elements = elements(&elements_path, &std::fs::read(&elements_path).unwrap()).unwrap();
        assert_eq!(elements.len(), 76);
        let path = dir.join("importance.csv");
        let ratings = importance(&path, &std::fs::read(&path).unwrap(), &elements).unwrap();
        assert_eq!(ratings.len(), 775);
    }
}
