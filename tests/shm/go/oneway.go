package main

import (
	"strconv"
	"sync"
)

// oneWayImpl keeps the log of one-way calls (handlers may run on several goroutines).
type oneWayImpl struct{}

var (
	oneWayMu  sync.Mutex
	oneWayLog []uint64
	oneWayBad uint64
)

func init() { OneWayImpl = oneWayImpl{} }

func (oneWayImpl) record(seq *uint64, tag *string) {
	oneWayMu.Lock()
	defer oneWayMu.Unlock()
	oneWayLog = append(oneWayLog, *seq)
	if *tag != "t"+strconv.FormatUint(*seq, 10) {
		oneWayBad++
	}
}

func (oneWayImpl) record_panic(msg *string) { panic(*msg) }

func (oneWayImpl) recorded() []uint64 {
	oneWayMu.Lock()
	defer oneWayMu.Unlock()
	return append([]uint64(nil), oneWayLog...)
}

func (o oneWayImpl) recorded_cgo() Tuple_Vec_u64_u64 {
	log := o.recorded()
	oneWayMu.Lock()
	defer oneWayMu.Unlock()
	return Tuple_Vec_u64_u64{_0: log, _1: oneWayBad}
}

func (oneWayImpl) reset() {
	oneWayMu.Lock()
	defer oneWayMu.Unlock()
	oneWayLog, oneWayBad = nil, 0
}
