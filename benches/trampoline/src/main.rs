use std::ffi::c_void;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

static COUNT: AtomicU64 = AtomicU64::new(0);

extern "C" fn complete(_slot: *const c_void, _ptr: *const u8, _len: usize, _status: u32) {
    COUNT.fetch_add(1, Ordering::Relaxed);
}

type Bench = unsafe extern "C" fn(f: *mut c_void, slot: *mut c_void, n: i64);
extern "C" {
    fn GoBenchCgo(f: *mut c_void, slot: *mut c_void, n: i64);
    fn GoBenchCgoNE(f: *mut c_void, slot: *mut c_void, n: i64);
    fn GoBenchCgocall(f: *mut c_void, slot: *mut c_void, n: i64);
    fn GoBenchBigframe(f: *mut c_void, slot: *mut c_void, n: i64);
    fn GoBenchAsmcgocall(f: *mut c_void, slot: *mut c_void, n: i64) -> i32;
    fn GoStartChurn();
    fn GoNumGC() -> i64;
    fn GoSetMode(m: i32);
    fn GoPrintBuildMode();
    fn GoRaceProbe(f: *mut c_void, slot: *mut c_void, use_asm: i32);
    fn GoRaceRead() -> i32;
    fn GoStwProbe(f: *mut c_void, slot: *mut c_void, use_asm: i32) -> i64;
}
unsafe extern "C" fn rust_direct(f: *mut c_void, s: *mut c_void, n: i64) {
    let f: extern "C" fn(*const c_void, *const u8, usize, u32) = std::mem::transmute(std::hint::black_box(f));
    for _ in 0..n { f(s, std::ptr::null(), 64, 0); }
}
unsafe extern "C" fn asmcgocall_wrap(f: *mut c_void, s: *mut c_void, n: i64) {
    if GoBenchAsmcgocall(f, s, n) == 0 { panic!("archive built without tramp_asmcgocall"); }
}

static FIRED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
extern "C" fn wake(_s: *const c_void, _p: *const u8, _l: usize, _st: u32) { FIRED.store(true, Ordering::Release); }

fn race_probe(use_asm: i32) {
    FIRED.store(false, Ordering::SeqCst);
    let t = std::thread::spawn(|| {
        while !FIRED.load(Ordering::Acquire) { std::hint::spin_loop(); }
        unsafe { GoRaceRead() }
    });
    unsafe { GoRaceProbe(wake as *mut c_void, std::ptr::null_mut(), use_asm) };
    println!("race probe (use_asm={use_asm}): reader saw {}", t.join().unwrap());
}

extern "C" fn block20ms(_s: *const c_void, _p: *const u8, _l: usize, _st: u32) {
    std::thread::sleep(std::time::Duration::from_millis(20));
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("stwprobe") {
        for (name, m) in [("cgo", 0), ("asmcgocall", 1)] {
            let us: Vec<i64> = (0..3).map(|_| unsafe { GoStwProbe(block20ms as *mut c_void, std::ptr::null_mut(), m) }).collect();
            println!("STW (ReadMemStats) while a callback blocks 20 ms via {name:<10}: {us:?} us");
        }
        return;
    }
    if let Some(m) = std::env::args().nth(1).filter(|a| a.starts_with("raceprobe")) {
        race_probe(if m == "raceprobe-asm" { 1 } else { 0 });
        return;
    }
    let n: i64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2_000_000);
    let runs = 7;
    unsafe { GoPrintBuildMode() };
    let opts: Vec<String> = std::env::args().skip(2).collect();
    if opts.iter().any(|o| o == "goroutine") { unsafe { GoSetMode(1) }; println!("mode: loops run on a Go-created goroutine"); }
    let churn = opts.iter().any(|o| o == "churn");
    if churn { unsafe { GoStartChurn() }; println!("mode: concurrent allocation + runtime.GC churn"); }
    let gc0 = unsafe { GoNumGC() };
    let has_asm = unsafe { GoBenchAsmcgocall(complete as *mut c_void, std::ptr::null_mut(), 0) } != 0;
    let mut benches: Vec<(&str, Bench)> = vec![
        ("(reference) Rust loop calling callback directly", rust_direct),
        ("cgo C.r2g_complete (baseline)", GoBenchCgo),
        ("cgo + #cgo noescape/nocallback", GoBenchCgoNE),
        ("linkname runtime.cgocall + C shim", GoBenchCgocall),
        ("asm: C on reserved goroutine stack", GoBenchBigframe),
    ];
    if has_asm { benches.push(("asm -> runtime·asmcgocall (g0, no entersyscall)", asmcgocall_wrap)); }
    let f = complete as *mut c_void;
    for (name, b) in &benches {
        unsafe { b(f, std::ptr::null_mut(), n / 10) }; // warm-up (also grows stacks)
        let mut v: Vec<f64> = (0..runs).map(|_| {
            let before = COUNT.load(Ordering::Relaxed);
            let t = Instant::now();
            unsafe { b(f, std::ptr::null_mut(), n) };
            let ns = t.elapsed().as_nanos() as f64 / n as f64;
            assert_eq!(COUNT.load(Ordering::Relaxed) - before, n as u64);
            ns
        }).collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!("{:<50} median {:6.2} ns/call  (min {:6.2}, max {:6.2})", name, v[runs / 2], v[0], v[runs - 1]);
    }
    println!("GC cycles during run: {}", unsafe { GoNumGC() } - gc0);
}
