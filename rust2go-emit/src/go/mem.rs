//! Methods that ride the ring (`#[mem]`, and by default the async methods it can carry): the
//! export that starts a trait's queue poller, the dispatcher and one runner per method. The queue itself is fixed code (`rust2go-emit/go/shm.go`, `r2g_shm.h`).

use super::GoGen;
use rust2go_model::TraitDef;
use std::fmt::Write;

impl GoGen<'_> {
    /// The poller start export, the dispatcher and one runner per method that rides the ring.
    pub(super) fn shm_trait(&mut self, o: &mut String, t: &TraitDef) {
        self.uses_shm = true;
        self.requires_shm |= t.has_explicit_mem();
        let start = t.shm_start_symbol();
        let _ = writeln!(o, "// {start} starts the goroutine serving the ring of {} (called by Rust once per queue).", t.name);
        let _ = writeln!(o, "//\n//export {start}\nfunc {start}(mem unsafe.Pointer) {{\n\tgo r2gShmPoll(r2gShmOpen(mem), r2gShmRun_{})\n}}\n", t.name);
        let _ = writeln!(o, "func r2gShmRun_{}(q *r2gShm, r2gR r2gShmReq) {{", t.name);
        o.push_str(&super::r2g::recover_stmts("\t", "r2gShmRecover", "q, r2gR"));
        o.push_str("\tvar b []byte\n\tswitch r2gR.method &^ r2gShmOneWay {\n");
        for (i, m) in t.methods.iter().enumerate() {
            if m.rides_ring() {
                let _ = writeln!(o, "\tcase {i}:\n\t\tb = r2gShm_{}_{}(r2gR)", t.name, m.name);
            }
        }
        o.push_str("\tdefault:\n\t\tpanic(fmt.Sprintf(\"rust2go: unknown ring method %d\", r2gR.method))\n\t}\n");
        o.push_str("\tr2gOk = true\n\tq.complete(r2gR, b, 0)\n}\n\n");
        for m in t.methods.iter().filter(|m| m.rides_ring()) {
            let _ = writeln!(o, "// r2gShm_{0}_{1} decodes the arguments (copies into Go memory), runs {0}.{1} and encodes its result.", t.name, m.name);
            let _ = writeln!(o, "func r2gShm_{}_{}(r2gR r2gShmReq) []byte {{", t.name, m.name);
            let mut call_args = Vec::new();
            if !m.params.is_empty() {
                o.push_str("\tr2gRd := &r2gReader{b: r2gR.args()}\n");
            }
            for (i, p) in m.params.iter().enumerate() {
                let d = self.decode(&p.ty, "r2gRd");
                let _ = writeln!(o, "\ta{i} := {d}");
                call_args.push(if self.by_value(m, p) { format!("a{i}") } else { format!("&a{i}") });
            }
            let call = format!("r2gImpl_{}().{}({})", t.name, self.go_method(m), call_args.join(", "));
            let outcome = self.encode_outcome(m, &call, "r2gR.resultBuf()", "\t");
            o.push_str(&outcome);
            o.push_str("\treturn b\n}\n\n");
        }
    }
}
