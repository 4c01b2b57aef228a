package main

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"sync/atomic"
	"time"
)

type tour struct{}

func init() {
	SlowImpl = tour{}
	ChecksImpl = tour{}
	KindsImpl = tour{}
	WordsImpl = tour{}
	AdderImpl = tour{}
	JobsImpl = tour{}
}

// ---- async on tokio

func (tour) double_later(n *uint64, ms *uint32) uint64 {
	time.Sleep(time.Duration(*ms) * time.Millisecond)
	return *n * 2
}

// ---- errors

func (tour) parse_port(text *string) (uint16, error) {
	p, err := strconv.ParseUint(*text, 10, 16)
	if err != nil {
		return 0, fmt.Errorf("not a port: %q", *text)
	}
	return uint16(p), nil
}

func (tour) find_user(id *uint32) (string, error) {
	switch *id {
	case 1:
		return "ferris", nil
	case 13:
		panic("user 13 is cursed")
	default:
		return "", AppError{code: 404, reason: fmt.Sprintf("no user %d", *id)}
	}
}

func (tour) explode(msg *string) string {
	panic("exploded: " + *msg)
}

// ---- enums, maps and options

func (tour) area(shape *Shape) float64 {
	switch s := (*shape).(type) {
	case ShapeCircle:
		return math.Pi * s.r * s.r
	case ShapeRect:
		return s._0 * s._1
	default:
		return 0
	}
}

func (tour) restock(inv *Inventory, item *string, n *uint32) Inventory {
	out := inv.Clone() // inv points into Rust memory: copy what outlives the call
	if out.stock == nil {
		out.stock = map[string]uint32{}
	}
	out.stock[*item] += *n
	out.level = LevelLow
	if out.stock[*item] >= 10 {
		out.level = LevelHigh
	}
	return out
}

func (tour) count(inv *Inventory, item *string) *uint32 {
	if n, ok := inv.stock[*item]; ok {
		return &n
	}
	return nil
}

// ---- Go calls Rust

func (tour) best_word(words *[]string) string {
	best, bestScore := "", uint32(0)
	for i := range *words {
		w := (*words)[i]
		if s := (RustSideImpl{}).score(&w); s > bestScore {
			best, bestScore = w, s
		}
	}
	return best
}

// ---- #[mem]

func (tour) add(a *uint64, b *uint64) uint64 { return *a + *b }

// ---- #[go_context]

var cancelled atomic.Uint32

func (tour) wait(ctx context.Context, ms *uint32) bool {
	select {
	case <-ctx.Done():
		cancelled.Add(1)
		return true
	case <-time.After(time.Duration(*ms) * time.Millisecond):
		return false
	}
}

func (tour) cancelled() uint32 { return cancelled.Load() }
