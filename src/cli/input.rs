//! Inputs: files, directories walked in sorted order, and standard input.

use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use std::time::Instant;

use anyhow::Result;
use liveline_core::{Diagnostic, Document, Level, Span};
use liveline_parse::{decode, decode_lossy, parse};
use sha2::{Digest, Sha256};

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// How the input is named in output and messages.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(p) => p.display().to_string(),
        }
    }

    /// Open the input for reading, gzip-compressed input (told by its first two
    /// bytes) decompressed on the way.
    pub fn open(&self) -> io::Result<Box<dyn BufRead + Send>> {
        let raw: Box<dyn BufRead + Send> = match self {
            Input::Stdin => Box::new(io::BufReader::with_capacity(1 << 16, io::stdin())),
            Input::File(p) => Box::new(io::BufReader::with_capacity(1 << 16, fs::File::open(p)?)),
        };
        gunzip_if_gzip(raw)
    }

    /// Read all of the input (decompressed when gzip).
    pub fn read(&self) -> io::Result<Vec<u8>> {
        self.read_with(false)
    }

    /// [`Input::read`]; with `spare` threads in the pool, a large plain file is read
    /// in two halves at once (its pages come to memory twice as fast). A gzip file is
    /// read whole, then decompressed from memory.
    pub fn read_with(&self, spare: bool) -> io::Result<Vec<u8>> {
        self.read_page(spare, false).map(|r| r.bytes)
    }

    /// [`Input::read_with`], a plain file a piece at a time, each piece looked at
    /// while it is still in the processor's cache: for a carriage return, and with
    /// `hash` (when the file is read whole, not in halves) into its SHA-256.
    pub fn read_page(&self, spare: bool, hash: bool) -> io::Result<PageRead> {
        let Input::File(p) = self else {
            let mut bytes = Vec::new();
            self.open()?.read_to_end(&mut bytes).map_err(truncated)?;
            return Ok(PageRead::unseen(bytes));
        };
        // A file is opened and asked its size once: on a corpus of small pages the
        // calls to the system cost as much as the reading.
        let file = fs::File::open(p)?;
        let meta = file.metadata()?;
        if spare && let Some(read) = read_in_halves(&file, &meta, hash) {
            return Ok(read);
        }
        let size = meta.len();
        let mut hasher = hash.then(Sha256::new);
        let mut cr = false;
        let mut look = |piece: &[u8]| {
            cr = cr || has_cr(piece);
            if let Some(h) = &mut hasher {
                h.update(piece);
            }
        };
        // Read into room for all of it and a byte more, a piece a call (the standard
        // library's `read_to_end` would start with a small read: two calls for most
        // pages). A read that gives less than it was asked for just at the size has met
        // the end of the file as it was when asked its size: one call for a file of less
        // than a piece, none more to find the end; one that gives the byte more finds
        // that the file grew, and it is read on to its end below.
        let size = usize::try_from(size).unwrap_or(0).min(1 << 30);
        let mut buf = vec![0u8; size + 1];
        let mut filled = 0;
        let mut whole = false;
        while !whole && filled <= size {
            let end = (filled + PIECE).min(size + 1);
            let n = read_retrying(&file, &mut buf[filled..end])?;
            look(&buf[filled..filled + n]);
            filled += n;
            whole = n == 0 || (filled == size && end > size);
        }
        buf.truncate(filled);
        // Then what is past the size taken (the file grew; or it has no size, as a
        // pipe has none), a piece at a time, through `take`, which reads into the room
        // given without asking the file its size and place again; a piece shorter than
        // asked for ends at the end of the file.
        while !whole {
            let at = buf.len();
            let got = io::Read::take(&file, PIECE as u64).read_to_end(&mut buf)?;
            look(&buf[at..]);
            whole = got < PIECE;
        }
        if buf.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&buf[..])
                .read_to_end(&mut out)
                .map_err(truncated)?;
            return Ok(PageRead::unseen(out));
        }
        Ok(PageRead {
            bytes: buf,
            sha256: hasher.map(|h| hex(&h.finalize())),
            no_cr: !cr,
            utf8: false,
            hashed: None,
        })
    }
}

/// A page's bytes as [`Input::read_page`] gives them, with what was seen of them as
/// they were read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct PageRead {
    /// The bytes (decompressed when gzip). Private, as `utf8` is: `text` relies on
    /// them not being changed once checked.
    bytes: Vec<u8>,
    /// Their SHA-256 in hex, when it was taken as they were read.
    pub sha256: Option<String>,
    /// Whether they are known to hold no carriage return (so that no line end needs
    /// changing); `false` when not known.
    pub no_cr: bool,
    /// Whether they are known to be UTF-8 (checked as they were read); `false` when
    /// not known.
    utf8: bool,
    /// The SHA-256 of the first bytes, taken as they were read, when the rest was not
    /// (a file read in halves: the first half's).
    pub hashed: Option<HashedTo>,
}

/// The state of a SHA-256 taken over the first `.1` bytes of a page.
#[derive(Clone, Debug)]
pub(crate) struct HashedTo(Sha256, usize);

impl PartialEq for HashedTo {
    fn eq(&self, other: &HashedTo) -> bool {
        self.1 == other.1 && self.0.clone().finalize() == other.0.clone().finalize()
    }
}

impl Eq for HashedTo {}

impl PageRead {
    /// `bytes`, nothing seen of them.
    fn unseen(bytes: Vec<u8>) -> PageRead {
        PageRead {
            bytes,
            sha256: None,
            no_cr: false,
            utf8: false,
            hashed: None,
        }
    }

    /// The SHA-256 of the bytes in hex: as taken when they were read, or from what was
    /// taken of them on, or taken now.
    pub fn sha256(&self) -> String {
        match (&self.sha256, &self.hashed) {
            (Some(hex), _) => hex.clone(),
            (None, Some(HashedTo(state, to))) => {
                let mut state = state.clone();
                state.update(&self.bytes[*to..]);
                hex(&state.finalize())
            }
            (None, None) => sha256_hex(&self.bytes),
        }
    }

    /// The bytes as text (without a byte-order mark) when they are known to be UTF-8.
    pub fn text(&self) -> Option<&str> {
        if !self.utf8 {
            return None;
        }
        // SAFETY: `utf8` is true only when every byte was checked to be part of valid
        // UTF-8: `read_in_halves` checks the bytes in three runs that follow one
        // another and cover them all (the first half but for a character cut in two,
        // that character, the rest), each found UTF-8 on its own, and one after the
        // other UTF-8 strings make a UTF-8 string.
        let text = unsafe { std::str::from_utf8_unchecked(&self.bytes) };
        Some(text.strip_prefix('\u{feff}').unwrap_or(text))
    }
}

/// UTF-8 checked a piece at a time as the bytes of a part of a text are read, in order:
/// each piece while it is still in the processor's cache.
struct Utf8Check {
    /// Up to where the part is known UTF-8 (a character the last piece cut in two is
    /// checked again with the next).
    valid_to: usize,
    /// Whether a byte that cannot be UTF-8 was met.
    bad: bool,
}

impl Utf8Check {
    /// A check from byte `from` of the part on.
    fn from(from: usize) -> Utf8Check {
        Utf8Check {
            valid_to: from,
            bad: false,
        }
    }

    /// The part has been read up to `to`: check what was read since.
    fn read_to(&mut self, part: &[u8], to: usize) {
        if self.bad || to <= self.valid_to {
            return;
        }
        match simdutf8::compat::from_utf8(&part[self.valid_to..to]) {
            Ok(_) => self.valid_to = to,
            // A character cut at the end of what was read.
            Err(e) if e.error_len().is_none() => self.valid_to += e.valid_up_to(),
            Err(_) => self.bad = true,
        }
    }
}

/// How many bytes `bytes` start with that continue a character begun before them (at
/// most three in UTF-8).
fn continuing(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take(4)
        .take_while(|&&b| b & 0xC0 == 0x80)
        .count()
}

/// One `read` of `file` into `buf`, again when interrupted: how many bytes it gave.
fn read_retrying(mut file: &fs::File, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match io::Read::read(&mut file, buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            got => return got,
        }
    }
}

/// How many bytes of a file are read at a time: few enough to be in the processor's
/// cache still when they are looked at.
const PIECE: usize = 256 << 10;

/// From how many bytes on a file is read in two halves at once.
const READ_IN_HALVES: u64 = 8 << 20;

/// Whether `bytes` hold a carriage return.
fn has_cr(bytes: &[u8]) -> bool {
    memchr::memchr(b'\r', bytes).is_some()
}

/// The plain file `file` (of metadata `meta`) read in two halves on two threads (each
/// a piece at a time, looked at for carriage returns and checked for UTF-8 while in
/// the processor's cache: the text is then not checked again on one thread), or `None`
/// (to be read the usual way, which says what went wrong) when it is small, gzip, or
/// cannot be read so.
fn read_in_halves(file: &fs::File, meta: &fs::Metadata, hash: bool) -> Option<PageRead> {
    use std::os::unix::fs::FileExt;
    let size = meta.len();
    if size < READ_IN_HALVES || !meta.is_file() {
        return None;
    }
    let mut magic = [0u8; 2];
    file.read_exact_at(&mut magic, 0).ok()?;
    if magic == [0x1f, 0x8b] {
        return None;
    }
    let size = usize::try_from(size).ok()?;
    let mut buf = vec![0u8; size];
    let half = size / 2;
    let (a, b) = buf.split_at_mut(half);
    // The half of the file at `at` read into `into`: whether it holds a carriage return,
    // its UTF-8 checked (for the second half, from the end of a character the first
    // half begins on), and for the first half, when asked, its SHA-256 taken (the
    // second's can only be taken after it, from memory).
    let read = |into: &mut [u8], at: usize| -> io::Result<(bool, Utf8Check, Option<Sha256>)> {
        let mut cr = false;
        let mut check: Option<Utf8Check> = None;
        let mut hasher = (hash && at == 0).then(Sha256::new);
        let mut done = 0;
        while done < into.len() {
            let end = (done + PIECE).min(into.len());
            file.read_exact_at(&mut into[done..end], (at + done) as u64)?;
            cr = cr || has_cr(&into[done..end]);
            if let Some(h) = &mut hasher {
                h.update(&into[done..end]);
            }
            // The second half's check starts past the bytes that end a character
            // begun before the cut (known once its first piece is read).
            check
                .get_or_insert_with(|| Utf8Check::from(if at == 0 { 0 } else { continuing(into) }))
                .read_to(into, end);
            done = end;
        }
        Ok((cr, check.unwrap_or(Utf8Check::from(0)), hasher))
    };
    let (ra, rb) = rayon::join(|| read(a, 0), || read(b, half));
    let ((cr_a, check_a, hashed), (cr_b, check_b, _)) = (ra.ok()?, rb.ok()?);
    let cr = cr_a || cr_b;
    // UTF-8 when the first half is up to a character the cut may split, that
    // character is (the bytes the first half left and those the second skipped), and
    // the second half is from there to its end: three runs that cover the bytes.
    let (cut_from, cut_to) = (check_a.valid_to, half + continuing(&buf[half..]));
    let utf8 = !check_a.bad
        && !check_b.bad
        && half + check_b.valid_to == size
        && simdutf8::compat::from_utf8(&buf[cut_from..cut_to]).is_ok();
    // What was added to the file since its size was taken.
    let mut rest = file;
    io::Seek::seek(&mut rest, io::SeekFrom::Start(size as u64)).ok()?;
    rest.read_to_end(&mut buf).ok()?;
    let cr = cr || has_cr(&buf[size..]);
    // What was added is checked with the rest (by the decoder).
    let utf8 = utf8 && buf.len() == size;
    Some(PageRead {
        bytes: buf,
        sha256: None,
        no_cr: !cr,
        utf8,
        hashed: hashed.map(|h| HashedTo(h, half)),
    })
}

/// A read error, said plainly when it is a gzip stream that ends too soon (a plain
/// file never ends "unexpectedly": only the decompressor reports that).
fn truncated(e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        io::Error::new(e.kind(), "gzip stream truncated")
    } else {
        e
    }
}

/// `r` decompressed when it starts with the gzip magic bytes, else as it is.
fn gunzip_if_gzip(mut r: Box<dyn BufRead + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    let head = r.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(io::BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(r),
        )))
    } else {
        Ok(r)
    }
}

/// Expand the paths given on the command line into inputs: a directory becomes the
/// page files below it (see `is_text_name`) in sorted order; hidden entries and
/// subdirectories holding a [`SKIP_MARKER`] file are skipped. A path that cannot be
/// listed is reported in `errors` and the others go on.
pub(crate) fn expand(paths: &[PathBuf], errors: &mut Vec<(String, String)>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            walk(p, &mut out, errors);
        } else {
            out.push(Input::File(p.clone()));
        }
    }
    out
}

/// A file whose presence keeps directory walks out of the directory holding it.
pub(crate) const SKIP_MARKER: &str = ".liveline-skip";

fn walk(dir: &Path, out: &mut Vec<Input>, errors: &mut Vec<(String, String)>) {
    walk_below(dir, out, errors, &mut Vec::new());
}

/// Walk `dir`, whose ancestors in this walk (canonical paths) are `above`: a
/// directory that is one of its own ancestors (a symbolic link looping back) is
/// reported and not entered again.
fn walk_below(
    dir: &Path,
    out: &mut Vec<Input>,
    errors: &mut Vec<(String, String)>,
    above: &mut Vec<PathBuf>,
) {
    let here = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if above.contains(&here) {
        errors.push((
            dir.display().to_string(),
            format!(
                "symbolic link loop: leads back to {}, which is being walked",
                here.display()
            ),
        ));
        return;
    }
    above.push(here);
    walk_entries(dir, out, errors, above);
    above.pop();
}

fn walk_entries(
    dir: &Path,
    out: &mut Vec<Input>,
    errors: &mut Vec<(String, String)>,
    above: &mut Vec<PathBuf>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push((dir.display().to_string(), e.to_string()));
            return;
        }
    };
    // With the type the directory gives (no call on the file to learn it, but for
    // links).
    let mut paths: Vec<(PathBuf, Option<fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .collect();
    // Siblings: their order is that of their names, byte by byte (as comparing the
    // paths component by component gives, and much sooner on large directories).
    {
        use std::os::unix::ffi::OsStrExt;
        paths.sort_unstable_by(|a, b| a.0.as_os_str().as_bytes().cmp(b.0.as_os_str().as_bytes()));
    }
    for (p, kind) in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().starts_with('.'))
            .unwrap_or(false);
        if name {
            continue;
        }
        if kind.is_some_and(|k| k.is_file()) {
            if is_text_name(&p) {
                out.push(Input::File(p));
            }
            continue;
        }
        if p.is_dir() {
            // A directory marked with a `.liveline-skip` file holds no pages (goldens,
            // outputs): the walk passes it by. Named on the command line, it is read.
            if !p.join(SKIP_MARKER).exists() {
                walk_below(&p, out, errors, above);
            }
        } else if is_text_name(&p)
            && (p.is_file() || fs::symlink_metadata(&p).is_ok_and(|m| m.is_symlink()))
        {
            // A link to nothing is taken too, so that reading it reports it by name.
            out.push(Input::File(p));
        }
    }
}

/// Whether a file met in a directory walk is taken as a page: `*.txt`, `*.text` or a
/// name without an extension, each perhaps gzip-compressed (`*.txt.gz`, `*.gz`).
/// (Files named on the command line are always taken.)
fn is_text_name(p: &Path) -> bool {
    // "page.txt.gz", "page.gz": the name without ".gz" decides.
    if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) {
        return is_text_name(&p.with_extension(""));
    }
    match p.extension() {
        None => true,
        Some(e) => e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("text"),
    }
}

/// The SHA-256 of `bytes` in lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `digest` in lower-case hex.
fn hex(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 15)]));
    }
    s
}

/// One input read and parsed, as given to the work of [`map_documents`].
pub(crate) struct Page<'t> {
    /// The input's bytes as read.
    pub bytes: &'t [u8],
    /// The text parsed (the bytes decoded).
    pub text: &'t str,
    /// Seconds spent parsing it.
    pub parse_secs: f64,
    /// For a JSONL record, its fields other than `text`.
    pub record: Option<&'t serde_json::Map<String, serde_json::Value>>,
    /// The SHA-256 of `bytes`, when it was taken beside the parsing.
    sha256: Option<String>,
}

impl Page<'_> {
    /// The SHA-256 of the input's bytes, in hex.
    pub(crate) fn sha256(&self) -> String {
        self.sha256
            .clone()
            .unwrap_or_else(|| sha256_hex(self.bytes))
    }
}

/// From how many bytes on an input is parsed in parts, its hash taken on another thread
/// from the start (when there are threads to spare): a long page is one task until it
/// is extracted.
const HASH_BESIDE: usize = 1 << 20;

/// What came of one input.
enum Outcome<R> {
    /// The work's result.
    Done(R),
    /// The input could not be read or decoded: its name and why.
    Failed(String, String),
}

/// How the inputs hold pages (`--input`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum InputFormat {
    /// Each input is one page of text.
    #[default]
    Text,
    /// Each input holds JSON records, one a line, each a page: `{"id": ..., "text":
    /// ...}` as corpus tools store them; the other fields are carried through.
    Jsonl,
}

/// One page to work on, as the reading thread hands it to a worker: the worker reads
/// the file, or decodes the JSONL record, so that reading is done in parallel too.
enum Unit {
    /// A file (or standard input) holding one page.
    File(Input),
    /// One line of a JSONL input: the input's name, the line's number and bytes.
    Record {
        file: String,
        line: usize,
        bytes: Vec<u8>,
    },
    /// An input that failed before any page of it could be read: its name and why.
    Failed(String, String),
}

/// A unit's page, read: its name, its bytes, what was seen of them as they were read,
/// and for a JSONL record the record's other fields.
struct PageBytes {
    name: String,
    read: PageRead,
    record: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Unit {
    /// Read the page (with `hash`, hashing a file as it is read where it can), or say
    /// (with the name to report) why it cannot be.
    fn read(self, spare: bool, hash: bool) -> std::result::Result<PageBytes, (String, String)> {
        match self {
            Unit::File(inp) => {
                let name = inp.display();
                match inp.read_page(spare, hash) {
                    Ok(read) => Ok(PageBytes {
                        name,
                        read,
                        record: None,
                    }),
                    Err(e) => Err((name, e.to_string())),
                }
            }
            Unit::Record { file, line, bytes } => record(&file, line, &bytes),
            Unit::Failed(name, why) => Err((name, why)),
        }
    }
}

/// The page of JSONL line `line` of `file`: its `text`, named by its `id`.
fn record(
    file: &str,
    line: usize,
    bytes: &[u8],
) -> std::result::Result<PageBytes, (String, String)> {
    use serde_json::Value;
    let fail = |why: String| Err((format!("{file}: record {line}"), why));
    let mut record = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return fail("not a JSON object".into()),
        Err(e) => return fail(format!("not JSON: {e}")),
    };
    let text = match record.shift_remove("text") {
        Some(Value::String(t)) => t,
        Some(other) => {
            let kind = match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::Array(_) => "an array",
                _ => "an object",
            };
            return fail(format!("\"text\" is {kind}, not a string"));
        }
        None => return fail("no \"text\" field".into()),
    };
    let name = match record.get("id") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Number(id)) => id.to_string(),
        _ => format!("{file}#{line}"),
    };
    Ok(PageBytes {
        name,
        read: PageRead::unseen(text.into_bytes()),
        record: Some(record),
    })
}

/// The records of one JSONL input, read a line at a time.
struct Records {
    file: String,
    reader: Option<Box<dyn BufRead + Send>>,
    line: usize,
}

impl Iterator for Records {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        let mut buf = Vec::new();
        loop {
            let reader = self.reader.as_mut()?;
            self.line += 1;
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.reader = None;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.reader = None;
                    let name = format!("{}: record {}", self.file, self.line);
                    return Some(Unit::Failed(name, truncated(e).to_string()));
                }
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                buf.clear();
                continue;
            }
            return Some(Unit::Record {
                file: self.file.clone(),
                line: self.line,
                bytes: buf,
            });
        }
    }
}

/// The pages of `inputs`, as they are asked for.
fn units(inputs: Vec<Input>, format: InputFormat) -> Box<dyn Iterator<Item = Unit> + Send> {
    match format {
        InputFormat::Text => Box::new(inputs.into_iter().map(Unit::File)),
        InputFormat::Jsonl => Box::new(inputs.into_iter().flat_map(|inp| {
            let file = inp.display();
            match inp.open() {
                Ok(r) => Box::new(Records {
                    file,
                    reader: Some(r),
                    line: 0,
                }) as Box<dyn Iterator<Item = Unit> + Send>,
                Err(e) => Box::new(std::iter::once(Unit::Failed(file, e.to_string()))),
            }
        })),
    }
}

/// Decode and parse one page and run `work` on it. With `hash`, a file read whole is
/// hashed as it is read. With `spare` threads in the pool a long page is read in halves
/// and parsed in parts, and with `hash` too its hash is taken on a thread of its own
/// while it is decoded and parsed.
fn one<R>(
    unit: Unit,
    lossy: bool,
    spare: bool,
    hash: bool,
    in_parts: bool,
    work: &(impl Fn(Page<'_>, Vec<Document<'_>>) -> Result<R> + Sync),
) -> Result<Outcome<(R, u64)>> {
    let PageBytes { name, read, record } = match unit.read(spare, hash) {
        Ok(r) => r,
        Err((name, why)) => return Ok(Outcome::Failed(name, why)),
    };
    let bytes = &read.bytes;
    let long = spare && bytes.len() >= HASH_BESIDE;
    std::thread::scope(|s| {
        // A long page, with threads to spare, is hashed (when asked) on a thread of its
        // own from the start, while it is decoded and parsed in two parts at once.
        let hashing = (long && hash && read.sha256.is_none()).then(|| s.spawn(|| read.sha256()));
        // Text checked as it was read is not checked again.
        let (text, bad) = if let Some(text) = read.text() {
            (text.into(), None)
        } else if lossy {
            decode_lossy(bytes)
        } else {
            match decode(bytes) {
                Ok(s) => (s.into(), None),
                Err(e) => return Ok(Outcome::Failed(name, e.to_string())),
            }
        };
        // Lone CR line ends become LF (same length: spans stay spans of the input);
        // there are none to look for when no CR was seen as the bytes were read.
        let text = if read.no_cr {
            text
        } else {
            match liveline_parse::line_ends(&text) {
                std::borrow::Cow::Owned(t) => std::borrow::Cow::Owned(t),
                std::borrow::Cow::Borrowed(_) => text,
            }
        };
        let started = Instant::now();
        let mut parts = match (long, in_parts) {
            (true, true) => liveline_parse::parse_into_parts(&text, 2),
            (true, false) => vec![liveline_parse::parse_in_parts(&text, 2)],
            (false, _) => vec![parse(&text)],
        };
        let parse_secs = started.elapsed().as_secs_f64();
        // Hashing never panics; were it to, so would the page.
        let sha256 = hashing
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .or_else(|| read.sha256.clone());
        // The head of the document is its first part's.
        let doc = &mut parts[0];
        if let Some(e) = bad {
            let message = format!("{e}; decoded with replacement characters");
            let span = Span::new(e.offset(), e.offset());
            doc.diagnostics.insert(
                0,
                Diagnostic::new(Level::Error, "invalid_utf8", message, span),
            );
        }
        doc.source.path = Some(name);
        doc.source.bytes = bytes.len() as u64;
        let page = Page {
            bytes,
            text: &text,
            parse_secs,
            record: record.as_ref(),
            sha256,
        };
        let done = work(page, parts)?;
        Ok(Outcome::Done((done, bytes.len() as u64)))
    })
}

/// A progress bar on standard error — pages done, MB/s, time left — drawn only when
/// standard error is a terminal, so that nothing of it reaches pipes, files or CI logs.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(inputs: &[Input]) -> Progress {
        use std::io::IsTerminal;
        if !io::stderr().is_terminal() {
            return Progress(None);
        }
        // The size of the files to read (compressed size for gzip: an estimate).
        let files: Vec<u64> = inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => fs::metadata(p).map_or(0, |m| m.len()),
                Input::Stdin => 0,
            })
            .collect();
        let total: u64 = files.iter().sum();
        let stdin = inputs.contains(&Input::Stdin);
        let bar = if stdin || total == 0 {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {msg} pages, {binary_bytes} at {binary_bytes_per_sec}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            b
        } else {
            let b = indicatif::ProgressBar::new(total);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:24} {msg} pages {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        };
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
        Progress(Some(bar))
    }

    /// One page done, of `bytes` bytes.
    fn done(&self, bytes: u64) {
        if let Some(b) = &self.0 {
            b.inc(bytes);
            let pages = b.message().parse::<u64>().unwrap_or(0) + 1;
            b.set_message(pages.to_string());
        }
    }

    /// A message on standard error, above the bar.
    fn say(&self, line: &str) {
        match &self.0 {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// How many parts a page of `posts` posts is cleaned in with `jobs` threads: one a
/// thread for a long page (512 posts or more), else one.
pub(crate) fn clean_parts(posts: usize, jobs: usize) -> usize {
    if posts >= 512 { jobs } else { 1 }
}

/// The number of worker threads for `--jobs`: as asked, else every core.
pub(crate) fn jobs(asked: Option<usize>) -> usize {
    asked
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// How many pages a worker takes at a time (at most) when what came of them is written
/// in input order as the run goes ([`map_pages`]: a few tasks in a window of pages).
const PAGES_A_TASK: usize = 4;

/// How many pages a worker takes at a time when nothing is written before the end
/// ([`for_each_document`]): each hand-over of a task between the threads costs a few
/// microseconds, and a task of 16 pages of the end-to-end benchmark (half a
/// millisecond) leaves the other thread at most that much alone at the end (with 2
/// jobs on its 10,000 pages, about 4 ms sooner than tasks of 4 pages).
const PAGES_A_BATCH: usize = 16;

/// The outcomes the workers of [`map_documents`] hand back, kept until the thread
/// that writes them takes them in input order. That thread is woken when `wake_at`
/// of them can be taken in order, or when all that were handed out are done.
struct Returned<T> {
    state: std::sync::Mutex<ReturnedState<T>>,
    ready: std::sync::Condvar,
    wake_at: usize,
}

struct ReturnedState<T> {
    /// Outcomes done and not yet taken, by their place in input order.
    outcomes: std::collections::BTreeMap<usize, T>,
    /// The place of the first outcome not yet taken.
    next: usize,
    /// The place of the first outcome not yet done from `next` on: those before it can
    /// be taken in order.
    in_order: usize,
    /// How many outcomes have been handed out.
    issued: usize,
}

impl<T> ReturnedState<T> {
    /// Whether the writing thread has enough to take: `wake_at` outcomes in order
    /// from `next`, or every outcome handed out.
    fn enough(&self, wake_at: usize) -> bool {
        let waiting = self.issued - self.next;
        waiting > 0
            && (self.outcomes.len() == waiting || self.in_order - self.next >= wake_at.max(1))
    }

    /// Outcomes of places `first..` are done: they are kept, and `in_order` moved past
    /// those now done in order (each place is passed once, so checking on every
    /// outcome costs no walk through those waiting).
    fn put(&mut self, first: usize, outcomes: Vec<T>) {
        self.outcomes.extend((first..).zip(outcomes));
        while self.outcomes.contains_key(&self.in_order) {
            self.in_order += 1;
        }
    }
}

impl<T> Returned<T> {
    fn new(wake_at: usize) -> Self {
        Returned {
            state: std::sync::Mutex::new(ReturnedState {
                outcomes: std::collections::BTreeMap::new(),
                next: 0,
                in_order: 0,
                issued: 0,
            }),
            ready: std::sync::Condvar::new(),
            wake_at,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ReturnedState<T>> {
        // The lock is held only to move outcomes in and out, which cannot panic
        // half-way: a poisoned state is whole.
        lock(&self.state)
    }

    /// `issued` outcomes have now been handed out.
    fn issued(&self, issued: usize) {
        self.lock().issued = issued;
    }

    /// The outcomes of places `first..`, done.
    fn put(&self, first: usize, outcomes: Vec<T>) {
        let mut s = self.lock();
        s.put(first, outcomes);
        if s.enough(self.wake_at) {
            self.ready.notify_one();
        }
    }

    /// Wait for enough outcomes (see [`ReturnedState::enough`]; at least one when any
    /// was handed out and not taken) and take those that are next in order.
    fn take(&self) -> Vec<T> {
        let mut s = self.lock();
        while !s.enough(self.wake_at) {
            if s.issued == s.next {
                return Vec::new();
            }
            s = self
                .ready
                .wait(s)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        let mut taken = Vec::new();
        loop {
            let next = s.next;
            match s.outcomes.remove(&next) {
                Some(o) => {
                    taken.push(o);
                    s.next += 1;
                }
                None => break,
            }
        }
        s.in_order = s.in_order.max(s.next);
        taken
    }
}

/// What a run over pages starts from: the inputs expanded (those that could not be
/// listed already reported and counted as failed), the workers' pool, the progress
/// bar, and the pages, taken as they are needed.
struct Run {
    failures: Vec<(String, String)>,
    pool: rayon::ThreadPool,
    progress: Progress,
    pages: Box<dyn Iterator<Item = Unit> + Send>,
}

impl Run {
    fn start(paths: &[PathBuf], input: InputFormat, jobs: usize) -> Result<Run> {
        let mut failures: Vec<(String, String)> = Vec::new();
        let inputs = expand(paths, &mut failures);
        for (name, e) in &failures {
            eprintln!("liveline: {name}: {e}");
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build()
            .map_err(|e| anyhow::anyhow!("starting {jobs} threads: {e}"))?;
        let progress = Progress::new(&inputs);
        let pages = units(inputs, input);
        Ok(Run {
            failures,
            pool,
            progress,
            pages,
        })
    }
}

/// What is done with each outcome, in input order: a failure is reported (above the
/// progress bar) and kept; the progress bar moves on.
fn note_outcome<R>(
    outcome: Outcome<(R, u64)>,
    progress: &Progress,
    failures: &mut Vec<(String, String)>,
) -> Option<R> {
    match outcome {
        Outcome::Done((r, bytes)) => {
            progress.done(bytes);
            Some(r)
        }
        Outcome::Failed(name, e) => {
            progress.say(&format!("liveline: {name}: {e}"));
            failures.push((name, e));
            progress.done(0);
            None
        }
    }
}

/// The end of a run once every input is done (`total` of them, counting those that
/// could not be listed): `then` runs (with several jobs on a thread of the workers'
/// pool, with one on the calling thread) and the failures are summed up in a line
/// naming them.
fn end_run<T: Send>(
    run: Run,
    total: usize,
    then: impl FnOnce() -> Result<T> + Send,
) -> Result<(usize, T)> {
    let Run {
        failures,
        pool,
        progress,
        ..
    } = run;
    progress.finish();
    let then = if pool.current_num_threads() <= 1 {
        then()
    } else {
        pool.install(then)
    };
    if !failures.is_empty() {
        let names: Vec<&str> = failures.iter().map(|(n, _)| n.as_str()).collect();
        eprintln!(
            "liveline: {} of {total} inputs failed: {}",
            failures.len(),
            names.join(", ")
        );
    }
    Ok((failures.len(), then?))
}

/// What `f` gives, a panic in it made an error (that ends the run once the outcomes
/// before it are reported).
fn guarded<R>(f: impl FnOnce() -> Result<R>) -> Result<R> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(anyhow::anyhow!("a worker thread panicked")))
}

/// Read, decode and parse each page of `paths` (a file each, or with
/// [`InputFormat::Jsonl`] a record each, taken as they are needed, so that a stream of
/// any length runs in bounded memory), run `work` on each document (its `source` path
/// and size set) on `jobs` threads, and hand the results to `sink` in the order of the
/// inputs, whatever the number of threads. The workers read and decode the pages
/// too; at most sixteen a thread are in hand at once (enough that the others go on
/// past a slow page), and `sink` runs on the calling thread while the workers go on.
/// An input that cannot be read or decoded is reported on standard error, in its
/// place in that order, with its name (and, for bad UTF-8, the byte offset, line and
/// column), and the others go on; with `lossy`, bad UTF-8 is replaced and the document
/// carries an `invalid_utf8` diagnostic. With
/// `hash` (the work asks for [`Page::sha256`]), the hash of a long page is taken beside
/// its parsing when there are threads to spare. Once every input is done, `then` runs:
/// with several jobs on a thread of the workers' pool (whose threads it can use in
/// turn), with one on the calling thread. Returns the number of inputs that failed
/// (after a summary line naming them) and what `then` gave.
#[allow(clippy::too_many_arguments)]
pub(crate) fn map_documents<R: Send, T: Send>(
    paths: &[PathBuf],
    input: InputFormat,
    lossy: bool,
    jobs: usize,
    hash: bool,
    work: impl Fn(Page<'_>, Document<'_>) -> Result<R> + Sync,
    sink: impl FnMut(R) -> Result<()>,
    then: impl FnOnce() -> Result<T> + Send,
) -> Result<(usize, T)> {
    let whole = |page: Page<'_>, parts: Vec<Document<'_>>| work(page, Document::from_parts(parts));
    map_pages(paths, input, lossy, jobs, hash, false, whole, sink, then)
}

/// [`map_documents`], the work given each document as parsed: in parts (see
/// [`Document::from_parts`]) when `in_parts` is true and a long page was parsed in
/// parts on several threads, else whole (one part).
#[allow(clippy::too_many_arguments)]
fn map_pages<R: Send, T: Send>(
    paths: &[PathBuf],
    input: InputFormat,
    lossy: bool,
    jobs: usize,
    hash: bool,
    in_parts: bool,
    work: impl Fn(Page<'_>, Vec<Document<'_>>) -> Result<R> + Sync,
    mut sink: impl FnMut(R) -> Result<()>,
    then: impl FnOnce() -> Result<T> + Send,
) -> Result<(usize, T)> {
    let mut run = Run::start(paths, input, jobs)?;
    let mut total = run.failures.len();
    let Run {
        failures,
        pool,
        progress,
        pages,
    } = &mut run;
    // What becomes of each outcome, in input order.
    let mut handle = |outcome: Result<Outcome<(R, u64)>>| -> Result<()> {
        match note_outcome(outcome?, progress, failures) {
            Some(r) => sink(r),
            None => Ok(()),
        }
    };
    if jobs <= 1 {
        for unit in pages {
            total += 1;
            handle(one(unit, lossy, false, hash, in_parts, &work))?;
        }
    } else {
        // Workers take pages as they come and hand back what came of them; this
        // thread hands them out (at most `window` ahead of the first not yet written,
        // so that memory holds a few pages, not the corpus) and hands the outcomes
        // to `sink` in input order while the workers go on. It is woken when half the
        // window is done in order (or all that was handed out is), not for every task:
        // on two cores, a wake-up a task cost more than the work of small pages.
        let window = jobs * 16;
        let returned = Returned::new(window / 2);
        let (work, returned_ref) = (&work, &returned);
        let done = pool.in_place_scope(|scope| -> Result<()> {
            let (mut issued, mut next, mut more) = (0usize, 0usize, true);
            loop {
                while more && issued - next < window {
                    // A few pages a task: fewer hand-overs between threads.
                    let room = (window - (issued - next)).min(PAGES_A_TASK);
                    let batch: Vec<Unit> = pages.by_ref().take(room).collect();
                    more = batch.len() == room;
                    if batch.is_empty() {
                        break;
                    }
                    let first = issued;
                    issued += batch.len();
                    returned_ref.issued(issued);
                    scope.spawn(move |_| {
                        let outcomes: Vec<_> = batch
                            .into_iter()
                            .map(|unit| guarded(|| one(unit, lossy, true, hash, in_parts, work)))
                            .collect();
                        returned_ref.put(first, outcomes);
                    });
                }
                if next == issued {
                    return Ok(());
                }
                for outcome in returned.take() {
                    next += 1;
                    total += 1;
                    handle(outcome)?;
                }
            }
        });
        done?;
    }
    end_run(run, total, then)
}

/// [`map_documents`] for work that gives nothing back but may fail (`timeline`, whose
/// workers keep what they find). With several jobs and pages in files, the list of
/// pages is split between the workers as rayon splits a slice: each takes a long run
/// of pages in input order and, once done, half of what another has left, a few pages
/// at a time, so that no thread of the calling side is woken while they go on (on two
/// cores its wake-ups took time from the workers) and each worker meets the pages of
/// its runs in order (what it keeps then joins what the others keep mostly end to
/// end). Whichever worker hands back the outcomes next in input order reports them:
/// failures come in input order, as with [`map_documents`], and the first error
/// `work` gives (in that order) ends the run: no page is started once it is reported.
/// (The outcomes of the later runs wait until those before them are reported: a few
/// bytes a page.) JSONL records, read from a stream as they are needed, go through
/// [`map_documents`].
pub(crate) fn for_each_document<T: Send>(
    paths: &[PathBuf],
    input: InputFormat,
    lossy: bool,
    jobs: usize,
    hash: bool,
    work: impl Fn(Page<'_>, Vec<Document<'_>>) -> Result<()> + Sync,
    then: impl FnOnce() -> Result<T> + Send,
) -> Result<(usize, T)> {
    if jobs <= 1 || input != InputFormat::Text {
        return map_pages(paths, input, lossy, jobs, hash, true, work, Ok, then);
    }
    let mut run = Run::start(paths, input, jobs)?;
    let pages: Vec<Unit> = run.pages.by_ref().collect();
    let ordered = Mutex::new(InOrder {
        total: run.failures.len(),
        failures: std::mem::take(&mut run.failures),
        next: 0,
        waiting: std::collections::BTreeMap::new(),
        error: None,
    });
    let progress = &run.progress;
    let stopped = std::sync::atomic::AtomicBool::new(false);
    run.pool.install(|| {
        use rayon::prelude::*;
        pages
            .into_par_iter()
            .chunks(PAGES_A_BATCH)
            .enumerate()
            .with_max_len(1)
            .for_each(|(n, batch)| {
                if stopped.load(std::sync::atomic::Ordering::Relaxed) {
                    return;
                }
                let outcomes: Vec<_> = batch
                    .into_iter()
                    .map(|unit| guarded(|| one(unit, lossy, true, hash, true, &work)))
                    .collect();
                let mut ordered = lock(&ordered);
                ordered.waiting.insert(n * PAGES_A_BATCH, outcomes);
                if ordered.report(progress) {
                    stopped.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            });
    });
    let InOrder {
        total,
        failures,
        error,
        ..
    } = ordered.into_inner().unwrap_or_else(PoisonError::into_inner);
    if let Some(e) = error {
        return Err(e);
    }
    run.failures = failures;
    end_run(run, total, then)
}

/// What came of one page of [`for_each_document`]: its outcome, or the error that
/// ends the run.
type Handed = Result<Outcome<((), u64)>>;

/// The outcomes of [`for_each_document`]'s workers, reported in input order.
struct InOrder {
    /// Inputs reported (those that could not be listed included).
    total: usize,
    failures: Vec<(String, String)>,
    /// The place of the first outcome not yet reported.
    next: usize,
    /// Outcomes handed back and not yet reported, a batch each, by the place of their
    /// first.
    waiting: std::collections::BTreeMap<usize, Vec<Handed>>,
    /// The first error in input order: nothing after it is reported.
    error: Option<anyhow::Error>,
}

impl InOrder {
    /// Report the outcomes now next in order; true once an error has been met.
    fn report(&mut self, progress: &Progress) -> bool {
        while self.error.is_none() {
            let Some(batch) = self.waiting.remove(&self.next) else {
                break;
            };
            self.next += batch.len();
            for outcome in batch {
                match outcome {
                    Ok(o) => {
                        self.total += 1;
                        note_outcome(o, progress, &mut self.failures);
                    }
                    Err(e) => {
                        self.error = Some(e);
                        break;
                    }
                }
            }
        }
        self.error.is_some()
    }
}

/// A lock whose holders cannot leave what it guards half-changed by a panic: a
/// poisoned one is taken as it is.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` bytes that do not compress, the same every time.
    fn noise(n: usize) -> Vec<u8> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    /// [`noise`] with no carriage return.
    fn noise_without_cr(n: usize) -> Vec<u8> {
        let mut bytes = noise(n);
        bytes
            .iter_mut()
            .filter(|b| **b == b'\r')
            .for_each(|b| *b = b'x');
        bytes
    }

    /// A new, empty directory for test `name`, under the system's temporary one.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("liveline-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// `bytes` written to `path` and read back as a page in `pool` (in halves when
    /// long); the bytes read are those written.
    fn written_and_read(pool: &rayon::ThreadPool, path: &Path, bytes: &[u8]) -> PageRead {
        fs::write(path, bytes).unwrap();
        let read = pool.install(|| Input::File(path.to_path_buf()).read_page(true, false));
        let read = read.unwrap();
        assert!(read.bytes == bytes, "{} bytes", bytes.len());
        read
    }

    /// A pool of two threads: a long file is read in halves in it.
    fn two_threads() -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap()
    }

    #[test]
    fn a_large_file_read_in_halves_is_the_file() {
        let dir = scratch("halves");
        let pool = two_threads();
        // Plain, of an odd size above the threshold; and gzip of the same size.
        let plain = dir.join("big.txt");
        let bytes = noise((READ_IN_HALVES + 12_345) as usize);
        fs::write(&plain, &bytes).unwrap();
        let halves = |p: &Path| {
            let f = fs::File::open(p).unwrap();
            read_in_halves(&f, &f.metadata().unwrap(), false)
        };
        assert_eq!(halves(&plain).map(|r| r.bytes).as_deref(), Some(&bytes[..]));
        // Hashed when asked: the first half as it is read, the rest after.
        let f = fs::File::open(&plain).unwrap();
        let read = read_in_halves(&f, &f.metadata().unwrap(), true).unwrap();
        assert_eq!(read.hashed.as_ref().map(|h| h.1), Some(bytes.len() / 2));
        assert_eq!(read.sha256(), sha256_hex(&bytes));
        let input = Input::File(plain.clone());
        assert_eq!(pool.install(|| input.read_with(true)).unwrap(), bytes);
        let gz = dir.join("big.txt.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        io::Write::write_all(&mut enc, &bytes).unwrap();
        fs::write(&gz, enc.finish().unwrap()).unwrap();
        assert!(fs::metadata(&gz).unwrap().len() >= READ_IN_HALVES);
        assert_eq!(halves(&gz), None);
        let input = Input::File(gz);
        assert_eq!(pool.install(|| input.read_with(true)).unwrap(), bytes);
        // Small files are read the usual way: plain, gzip, empty; a gzip stream cut
        // short is an error that says so.
        let small = dir.join("small.txt");
        fs::write(&small, b"a page").unwrap();
        assert_eq!(halves(&small), None);
        assert_eq!(Input::File(small).read_with(true).unwrap(), b"a page");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        io::Write::write_all(&mut enc, b"a page, compressed").unwrap();
        let gz_bytes = enc.finish().unwrap();
        let small_gz = dir.join("small.txt.gz");
        fs::write(&small_gz, &gz_bytes).unwrap();
        let input = Input::File(small_gz.clone());
        assert_eq!(input.read_with(false).unwrap(), b"a page, compressed");
        fs::write(&small_gz, &gz_bytes[..gz_bytes.len() - 6]).unwrap();
        let e = input.read_with(false).unwrap_err();
        assert_eq!(e.to_string(), "gzip stream truncated");
        let empty = dir.join("empty.txt");
        fs::write(&empty, b"").unwrap();
        assert!(Input::File(empty).read_with(true).unwrap().is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_hashed_as_it_is_read_has_the_hash_of_its_bytes() {
        let dir = scratch("hashing");
        // Empty, short, the most read in one call, a piece exactly, and pieces and a
        // bit: the bytes and their hash.
        for (n, size) in [0, 17, PIECE - 1, PIECE, 2 * PIECE + 7]
            .into_iter()
            .enumerate()
        {
            let path = dir.join(format!("page-{n}.txt"));
            let bytes = noise(size);
            fs::write(&path, &bytes).unwrap();
            let input = Input::File(path);
            let read = input.read_page(false, true).unwrap();
            assert!(read.bytes == bytes, "{size} bytes");
            assert_eq!(
                read.sha256.as_deref(),
                Some(sha256_hex(&bytes).as_str()),
                "{size} bytes"
            );
            let read = input.read_page(false, false).unwrap();
            assert_eq!((read.bytes, read.sha256), (bytes, None));
        }
        // A gzip file is hashed later, decompressed.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        io::Write::write_all(&mut enc, b"a page, compressed").unwrap();
        let gz = dir.join("page.txt.gz");
        fs::write(&gz, enc.finish().unwrap()).unwrap();
        let read = Input::File(gz).read_page(false, true).unwrap();
        assert_eq!(read, PageRead::unseen(b"a page, compressed".to_vec()));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_with_no_size_is_read_and_looked_at_to_its_end() {
        // A named pipe (as `<(command)` gives) says it has no size: all of it is read
        // past the size taken, a piece at a time, and hashed and looked at still.
        // Short (read past the one byte a file of no size is first asked for) and long.
        let dir = scratch("fifo");
        for size in [17, 2 * PIECE + 7] {
            let fifo = dir.join(format!("pipe-{size}.txt"));
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if !made.is_ok_and(|s| s.success()) {
                eprintln!("no mkfifo here: skipped");
                return;
            }
            let mut bytes = noise_without_cr(size);
            *bytes.last_mut().unwrap() = b'\r';
            let writer = {
                let (fifo, bytes) = (fifo.clone(), bytes.clone());
                std::thread::spawn(move || fs::write(fifo, bytes).unwrap())
            };
            let read = Input::File(fifo).read_page(false, true).unwrap();
            writer.join().unwrap();
            assert!(read.bytes == bytes, "{size} bytes");
            assert_eq!(read.sha256, Some(sha256_hex(&bytes)));
            assert!(!read.no_cr, "the CR at the end was seen");
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_carriage_return_is_seen_in_any_piece_of_a_file() {
        let dir = scratch("cr");
        let pool = two_threads();
        let path = dir.join("page.txt");
        let halves = READ_IN_HALVES as usize + 12_345;
        // Read whole (short, a piece, pieces and a bit) and in halves: none, then one at
        // each end, at each side of a piece's end, and at each side of the halves' cut.
        for size in [17, PIECE, 2 * PIECE + 7, halves] {
            let bytes = noise_without_cr(size);
            let read = |bytes: &[u8]| written_and_read(&pool, &path, bytes).no_cr;
            assert!(read(&bytes), "{size} bytes: none");
            let cut = if size == halves {
                size / 2
            } else {
                PIECE.min(size - 1)
            };
            for at in [0, cut - 1, cut, size - 1] {
                let mut with = bytes.clone();
                with[at] = b'\r';
                assert!(!read(&with), "{size} bytes: one at {at}");
            }
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn text_read_in_halves_is_known_utf8_exactly_when_it_is() {
        let dir = scratch("utf8");
        let pool = two_threads();
        let path = dir.join("page.txt");
        let size = READ_IN_HALVES as usize + 12_345;
        let half = size / 2;
        // Printable ASCII, then changed here and there.
        let base: Vec<u8> = noise(size).iter().map(|b| b % 95 + 32).collect();
        let check = |bytes: &[u8], what: &str| {
            let read = written_and_read(&pool, &path, bytes);
            let want = std::str::from_utf8(bytes).ok();
            assert_eq!(read.utf8, want.is_some(), "{what}");
            let want = want.map(|t| t.strip_prefix('\u{feff}').unwrap_or(t));
            assert!(read.text() == want, "{what}: not the text");
        };
        check(&base, "ASCII");
        // Characters of two, three and four bytes that end at, or run across, the cut
        // between the halves, a piece's end in either half and the end of the file;
        // and each cut short (its last byte one of ASCII).
        for c in ['é', '€', '𝄞'] {
            let c = c.to_string();
            let n = c.len();
            for edge in [half, PIECE, half + PIECE, size] {
                for back in 1..=n {
                    let at = edge - back;
                    if at + n > size {
                        continue;
                    }
                    let mut bytes = base.clone();
                    bytes[at..at + n].copy_from_slice(c.as_bytes());
                    check(&bytes, &format!("{c} at {at}"));
                    bytes[at + n - 1] = b'a';
                    check(&bytes, &format!("{c} cut short at {at}"));
                }
            }
        }
        // A byte never in UTF-8, one that only continues a character and one that
        // begins a character of two bytes (one short at the end of the file), at either
        // end and at each side of the cut and of a piece's end.
        for b in [0xFF, 0x80, 0xC3] {
            for at in [0, PIECE - 1, PIECE, half - 1, half, half + 1, size - 1] {
                let mut bytes = base.clone();
                bytes[at] = b;
                check(&bytes, &format!("{b:#x} at {at}"));
            }
        }
        // A byte-order mark is not part of the text.
        let mut bytes = base.clone();
        bytes[..3].copy_from_slice(b"\xEF\xBB\xBF");
        check(&bytes, "a byte-order mark");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn sha256_is_written_in_lower_case_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_writing_thread_is_woken_for_half_a_window_in_order_or_for_all() {
        let r: Returned<usize> = Returned::new(3);
        r.issued(6);
        // Out of order: nothing to take in order yet.
        r.put(1, vec![1, 2]);
        assert!(!r.lock().enough(3));
        r.put(0, vec![0]);
        assert!(r.lock().enough(3), "0, 1, 2 are in order");
        assert_eq!(r.take(), vec![0, 1, 2]);
        // 3 and 5 done, 4 not: two of the three left are done, not in order.
        r.put(5, vec![5]);
        r.put(3, vec![3]);
        assert!(!r.lock().enough(3));
        // All that was handed out is done: fewer than three are taken.
        r.put(4, vec![4]);
        assert!(r.lock().enough(3));
        assert_eq!(r.take(), vec![3, 4, 5]);
        // Nothing handed out and not taken: nothing to wait for.
        assert!(!r.lock().enough(3));
        assert_eq!(r.take(), Vec::<usize>::new());
        r.issued(7);
        r.put(6, vec![6]);
        assert_eq!(r.take(), vec![6]);
    }

    #[test]
    fn outcomes_come_in_input_order_past_many_windows() {
        let dir = scratch("order");
        let mut names = Vec::new();
        for n in 0..600 {
            let name = dir.join(format!("page-{n:03}.txt"));
            // Some pages longer than others, so that they finish out of order; every
            // 37th one not UTF-8.
            let body = if n % 37 == 5 {
                b"ok\n\xff\n".to_vec()
            } else {
                format!("Page {n}\n\n{}\n", "A line of text. ".repeat(n % 7 * 400)).into_bytes()
            };
            fs::write(&name, body).unwrap();
            names.push(name.display().to_string());
        }
        let expected: Vec<&String> = names
            .iter()
            .enumerate()
            .filter(|(n, _)| n % 37 != 5)
            .map(|(_, name)| name)
            .collect();
        for jobs in [1, 2, 3] {
            let mut seen = Vec::new();
            let (failed, ()) = map_documents(
                std::slice::from_ref(&dir),
                InputFormat::Text,
                false,
                jobs,
                false,
                |_, doc| Ok(doc.source.path.clone().unwrap_or_default()),
                |name| {
                    seen.push(name);
                    Ok(())
                },
                || Ok(()),
            )
            .unwrap();
            assert_eq!(failed, 17, "{jobs} jobs");
            assert_eq!(seen.iter().collect::<Vec<_>>(), expected, "{jobs} jobs");
            // Work that gives nothing back, with several jobs split between the
            // workers as a slice: every page once; the failures counted; and then
            // what is to be done once all are, after all of them (with several jobs on
            // a thread of the workers' pool, with one on this thread).
            let worked = std::sync::atomic::AtomicUsize::new(0);
            let (failed, (worked_before, on_the_pool)) = for_each_document(
                std::slice::from_ref(&dir),
                InputFormat::Text,
                false,
                jobs,
                false,
                |_, _| {
                    worked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    Ok(())
                },
                || {
                    Ok((
                        worked.load(std::sync::atomic::Ordering::Relaxed),
                        rayon::current_thread_index().is_some(),
                    ))
                },
            )
            .unwrap();
            assert_eq!(failed, 17, "{jobs} jobs");
            assert_eq!(worked_before, expected.len(), "{jobs} jobs");
            assert_eq!(on_the_pool, jobs > 1, "{jobs} jobs");
            assert_eq!(worked.into_inner(), expected.len());
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_first_error_in_input_order_ends_a_run_of_work_that_gives_nothing_back() {
        let dir = scratch("first-error");
        for n in 0..400 {
            fs::write(dir.join(format!("page-{n:03}.txt")), format!("Page {n}\n")).unwrap();
        }
        for jobs in [1, 2, 3] {
            let then_ran = std::sync::atomic::AtomicBool::new(false);
            let run = for_each_document(
                std::slice::from_ref(&dir),
                InputFormat::Text,
                false,
                jobs,
                false,
                |_, parts| {
                    let name = parts[0].source.path.clone().unwrap_or_default();
                    // The later one is the first page of the second half of the
                    // list, which a second worker starts with: it fails first.
                    for bad in ["page-150", "page-200"] {
                        if name.contains(bad) {
                            anyhow::bail!("{bad} failed");
                        }
                    }
                    Ok(())
                },
                || {
                    then_ran.store(true, std::sync::atomic::Ordering::Relaxed);
                    Ok(())
                },
            );
            let e = run.expect_err("the work failed");
            assert_eq!(e.to_string(), "page-150 failed", "{jobs} jobs");
            assert!(!then_ran.into_inner(), "{jobs} jobs");
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn outcomes_handed_back_out_of_order_are_reported_in_order_up_to_an_error() {
        let done = |bytes| Ok(Outcome::Done(((), bytes)));
        let failed = |name: &str| Ok(Outcome::Failed(name.to_owned(), "bad".to_owned()));
        let mut o = InOrder {
            total: 1,
            failures: vec![("listed".into(), "gone".into())],
            next: 0,
            waiting: std::collections::BTreeMap::new(),
            error: None,
        };
        let progress = Progress(None);
        // Places 4..8 and 8..10 first: nothing can be reported before 0..4 is.
        o.waiting
            .insert(4, vec![done(1), failed("p5"), done(1), done(1)]);
        o.waiting.insert(8, vec![failed("p8"), done(1)]);
        assert!(!o.report(&progress));
        assert_eq!((o.next, o.total, o.failures.len()), (0, 1, 1));
        o.waiting
            .insert(0, vec![failed("p0"), done(1), done(1), done(1)]);
        assert!(!o.report(&progress));
        let names: Vec<&str> = o.failures.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["listed", "p0", "p5", "p8"]);
        assert_eq!((o.next, o.total), (10, 11));
        assert!(o.waiting.is_empty());
        // An error ends the reporting: what follows it, in its batch or after, is not
        // reported.
        o.waiting
            .insert(14, vec![failed("p14"), done(1), done(1), done(1)]);
        o.waiting.insert(
            10,
            vec![
                done(1),
                Err(anyhow::anyhow!("worker failed")),
                failed("p12"),
            ],
        );
        assert!(o.report(&progress));
        assert_eq!(o.total, 12);
        assert_eq!(o.failures.len(), 4);
        assert_eq!(o.error.as_ref().unwrap().to_string(), "worker failed");
        assert!(o.report(&progress));
        assert_eq!(o.failures.len(), 4);
    }

    #[test]
    fn a_directory_is_walked_in_the_order_of_its_paths() {
        let dir = scratch("walk");
        fs::create_dir_all(dir.join("sub")).unwrap();
        let names = [
            "a",
            "a.txt",
            "a-b",
            "a b",
            "A",
            "B.txt",
            "ab",
            "a0",
            "\u{e9}t\u{e9}.txt",
            "z",
            "sub/x.txt",
            "sub/X",
        ];
        for n in names {
            fs::write(dir.join(n), b"page").unwrap();
        }
        let mut errors = Vec::new();
        let got: Vec<PathBuf> = expand(std::slice::from_ref(&dir), &mut errors)
            .into_iter()
            .map(|i| match i {
                Input::File(p) => p,
                Input::Stdin => unreachable!(),
            })
            .collect();
        assert!(errors.is_empty());
        // Each directory's files in the order of their paths, the subdirectory's
        // where its name falls.
        let mut want: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
        want.sort();
        assert_eq!(got, want);
        fs::remove_dir_all(&dir).unwrap();
    }
}
