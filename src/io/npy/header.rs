//! The `.npy` preamble: magic string, format version, header length and the header dict, read
//! from bytes (every failure is a message, never a panic) and written for a dtype and shape.
//!
//! Layout (NumPy's `numpy.lib.format`): `\x93NUMPY`, major and minor version bytes, the header
//! length (little-endian `u16` in version 1.0, `u32` in 2.0 and 3.0), then the header — a Python
//! dict literal padded with spaces and ended by `\n` so that the data starts at a multiple of 64
//! bytes — and then the data.

use super::Fault;
use super::literal::{self, Literal};
use lazyarray_ir::{DType, ShapeFmt};
use std::io::Read;

/// The first six bytes of every `.npy` file.
pub(super) const MAGIC: &[u8; 6] = b"\x93NUMPY";

/// NumPy's alignment of the data start (`numpy.lib.format.ARRAY_ALIGN`).
const ALIGN: usize = 64;

/// The longest header read. NumPy refuses headers over 10,000 bytes unless told otherwise; a
/// real header is under 200 bytes plus 6 per dimension.
const MAX_HEADER: usize = 1 << 20;

/// What the header says about the data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Header {
    pub dtype: DType,
    /// True when the data is in Fortran (column-major) order.
    pub fortran_order: bool,
    pub shape: Vec<usize>,
    /// Bytes from the start of the file to the first data byte.
    pub data_offset: usize,
}

fn invalid<T>(message: impl Into<String>) -> Result<T, Fault> {
    Err(Fault::Invalid(message.into()))
}

/// Reads the preamble from the start of `r`, leaving `r` at the first data byte.
pub(super) fn read(r: &mut impl Read) -> Result<Header, Fault> {
    const TRUNCATED: &str = "the header is truncated";
    let mut prefix = [0u8; 8];
    let got = read_up_to(r, &mut prefix)?;
    if prefix[..got.min(MAGIC.len())] != MAGIC[..got.min(MAGIC.len())] || got == 0 {
        return invalid("not a .npy file: it does not start with the magic string \\x93NUMPY");
    }
    if got < prefix.len() {
        return invalid(TRUNCATED);
    }
    let (major, minor) = (prefix[6], prefix[7]);
    let len_bytes = match (major, minor) {
        (1, 0) => 2,
        (2, 0) | (3, 0) => 4,
        _ => {
            return invalid(format!(
                "unsupported .npy format version {major}.{minor} (1.0, 2.0 and 3.0 are supported)"
            ));
        }
    };
    let mut len = [0u8; 4];
    if read_up_to(r, &mut len[..len_bytes])? < len_bytes {
        return invalid(TRUNCATED);
    }
    let header_len = u32::from_le_bytes(len) as usize;
    if header_len > MAX_HEADER {
        return invalid(format!(
            "the header is {header_len} bytes long, more than the {MAX_HEADER} accepted"
        ));
    }
    let mut text = Vec::new();
    r.take(header_len as u64).read_to_end(&mut text)?;
    if text.len() < header_len {
        return invalid(TRUNCATED);
    }
    let data_offset = MAGIC.len() + 2 + len_bytes + header_len;
    parse(&text, data_offset)
}

/// Fills `buf` as far as the reader goes; the number of bytes read.
fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Interprets the header dict (NumPy requires exactly the keys `descr`, `fortran_order` and
/// `shape`).
fn parse(text: &[u8], data_offset: usize) -> Result<Header, Fault> {
    let bad = |why: String| Fault::Invalid(format!("bad header dict: {why}"));
    let Literal::Dict(entries) = literal::parse(text).map_err(bad)? else {
        return invalid("bad header dict: the header is not a dict");
    };
    let (mut descr, mut fortran_order, mut shape) = (None, None, None);
    for (key, value) in entries {
        match key.as_str() {
            "descr" => descr = Some(value),
            "fortran_order" => fortran_order = Some(value),
            "shape" => shape = Some(value),
            other => return invalid(format!("bad header dict: unexpected key '{other}'")),
        }
    }
    let missing =
        |key: &str| Fault::Invalid(format!("bad header dict: the key '{key}' is missing"));
    let dtype = dtype(&descr.ok_or_else(|| missing("descr"))?)?;
    let fortran_order = match fortran_order.ok_or_else(|| missing("fortran_order"))? {
        Literal::Bool(b) => b,
        other => {
            return invalid(format!(
                "bad header dict: fortran_order is {other:?}, not a bool"
            ));
        }
    };
    let shape = dims(&shape.ok_or_else(|| missing("shape"))?)?;
    lazyarray_ir::shape::checked_size(&shape, dtype).map_err(|_| {
        Fault::Invalid(format!(
            "shape overflow: an array of shape {} and dtype {dtype} is larger than the maximum possible size",
            ShapeFmt(&shape)
        ))
    })?;
    Ok(Header {
        dtype,
        fortran_order,
        shape,
        data_offset,
    })
}

/// The shape tuple: non-negative integers that fit a `usize`.
fn dims(value: &Literal) -> Result<Vec<usize>, Fault> {
    let Literal::Tuple(items) = value else {
        return invalid(format!("bad header dict: shape is {value:?}, not a tuple"));
    };
    items
        .iter()
        .map(|item| match item {
            Literal::Int(Some(d)) if *d < 0 => invalid(format!(
                "bad header dict: negative dimension {d} in the shape"
            )),
            Literal::Int(Some(d)) => usize::try_from(*d)
                .or_else(|_| invalid(format!("shape overflow: dimension {d} is too large"))),
            Literal::Int(None) => invalid("shape overflow: a dimension is too large"),
            other => invalid(format!(
                "bad header dict: shape holds {other:?}, not an integer"
            )),
        })
        .collect()
}

/// The dtype a descr names: `[byte order]kind size`, as `np.dtype(descr).str` writes it.
fn dtype(descr: &Literal) -> Result<DType, Fault> {
    let Literal::Str(s) = descr else {
        return match descr {
            Literal::List(_) => invalid("unsupported dtype: structured dtypes are not supported"),
            other => invalid(format!("bad header dict: descr is {other:?}, not a string")),
        };
    };
    let (order, code) = match s.as_bytes().first() {
        Some(&c @ (b'<' | b'>' | b'|' | b'=')) => (c, &s[1..]),
        _ => (b'=', s.as_str()),
    };
    let dtype = match code {
        "b1" | "?" => DType::Bool,
        "i1" | "b" => DType::I8,
        "i2" => DType::I16,
        "i4" => DType::I32,
        "i8" => DType::I64,
        "u1" | "B" => DType::U8,
        "u2" => DType::U16,
        "u4" => DType::U32,
        "u8" => DType::U64,
        "f4" => DType::F32,
        "f8" => DType::F64,
        _ => {
            return invalid(format!(
                "unsupported dtype '{s}' (supported: '|b1', '|i1', '<i2', '<i4', '<i8', '|u1', '<u2', '<u4', '<u8', '<f4', '<f8')"
            ));
        }
    };
    let big = order == b'>' || (order == b'=' && cfg!(target_endian = "big"));
    if big && dtype.itemsize() > 1 {
        return invalid(format!(
            "big-endian data is not supported (dtype '{s}'); convert it with a.astype('<{code}') first"
        ));
    }
    Ok(dtype)
}

/// The descr NumPy writes for `dtype`.
pub(super) fn descr(dtype: DType) -> &'static str {
    match dtype {
        DType::Bool => "|b1",
        DType::I8 => "|i1",
        DType::I16 => "<i2",
        DType::I32 => "<i4",
        DType::I64 => "<i8",
        DType::U8 => "|u1",
        DType::U16 => "<u2",
        DType::U32 => "<u4",
        DType::U64 => "<u8",
        DType::F32 => "<f4",
        DType::F64 => "<f8",
    }
}

/// The preamble NumPy's `np.save` writes for an array of `dtype` and `shape`: format 1.0, or 2.0
/// when the header is too long for 1.0's 16-bit length.
pub(super) fn format(dtype: DType, shape: &[usize], fortran_order: bool) -> Vec<u8> {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    let shape = match dims.len() {
        1 => format!("({},)", dims[0]),
        _ => format!("({})", dims.join(", ")),
    };
    let order = if fortran_order { "True" } else { "False" };
    let dict = format!(
        "{{'descr': '{}', 'fortran_order': {order}, 'shape': {shape}, }}",
        descr(dtype)
    );
    // Room for the dict, its newline and the padding that aligns the data.
    let padded = |prefix: usize| (prefix + dict.len() + 1).next_multiple_of(ALIGN) - prefix;
    let (version, len_bytes) = if padded(10) <= usize::from(u16::MAX) {
        (1, 2)
    } else {
        (2, 4)
    };
    let header_len = padded(MAGIC.len() + 2 + len_bytes);
    let mut out = Vec::with_capacity(MAGIC.len() + 2 + len_bytes + header_len);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[version, 0]);
    let len = (header_len as u32).to_le_bytes();
    out.extend_from_slice(&len[..len_bytes]);
    out.extend_from_slice(dict.as_bytes());
    out.resize(out.len() + header_len - dict.len() - 1, b' ');
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_bytes(bytes: &[u8]) -> Result<Header, String> {
        read(&mut &bytes[..]).map_err(|e| e.to_string())
    }

    #[test]
    fn written_headers_read_back_aligned() {
        for (shape, fortran) in [(vec![], false), (vec![3], true), (vec![2, 0, 5], false)] {
            let bytes = format(DType::F32, &shape, fortran);
            assert_eq!(bytes.len() % ALIGN, 0);
            assert_eq!(bytes[6..8], [1, 0]);
            let h = read_bytes(&bytes).unwrap();
            assert_eq!(
                h,
                Header {
                    dtype: DType::F32,
                    fortran_order: fortran,
                    shape,
                    data_offset: bytes.len()
                }
            );
        }
    }

    #[test]
    fn long_headers_use_version_2() {
        let shape = vec![1; 25_000];
        let bytes = format(DType::Bool, &shape, false);
        assert_eq!(bytes[6..8], [2, 0]);
        assert_eq!(bytes.len() % ALIGN, 0);
        assert_eq!(read_bytes(&bytes).unwrap().shape, shape);
    }

    #[test]
    fn descrs_map_to_dtypes() {
        let dt = |s: &str| dtype(&Literal::Str(s.into())).map_err(|e| e.to_string());
        assert_eq!(dt("<f8"), Ok(DType::F64));
        assert_eq!(dt("|b1"), Ok(DType::Bool));
        assert_eq!(dt(">b1"), Ok(DType::Bool));
        assert_eq!(dt("i4"), Ok(DType::I32));
        assert!(dt(">f8").unwrap_err().contains("big-endian"));
        assert!(dt("<c16").unwrap_err().contains("unsupported dtype"));
        assert!(dt("|O").unwrap_err().contains("unsupported dtype"));
        assert!(dt("").unwrap_err().contains("unsupported dtype"));
    }
}
