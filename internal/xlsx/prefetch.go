package xlsx

import "sync"

// prefetchBatch is how many rows travel together between the goroutines.
const prefetchBatch = 512

// prefetcher reads rows ahead in its own goroutine, so that decoding the
// sheet's XML runs on one core while the caller checks and stores the
// previous rows on another. At most two batches wait: memory stays bounded.
type prefetcher struct {
	src   RowReader
	ch    chan []Row
	done  chan struct{}
	once  sync.Once
	wg    sync.WaitGroup
	batch []Row
	i     int
	row   Row
	err   error
}

// Prefetch wraps r; the returned reader must be closed, which also closes r.
func Prefetch(r RowReader) RowReader {
	p := &prefetcher{src: r, ch: make(chan []Row, 2), done: make(chan struct{})}
	p.wg.Add(1)
	go p.run()
	return p
}

func (p *prefetcher) run() {
	defer p.wg.Done()
	defer close(p.ch)
	batch := make([]Row, 0, prefetchBatch)
	for p.src.Next() {
		r := p.src.Row()
		r.Cells = append([]string(nil), r.Cells...) // readers may reuse the slice
		if batch = append(batch, r); len(batch) == prefetchBatch {
			select {
			case p.ch <- batch:
			case <-p.done:
				return
			}
			batch = make([]Row, 0, prefetchBatch)
		}
	}
	if len(batch) > 0 {
		select {
		case p.ch <- batch:
		case <-p.done:
		}
	}
}

func (p *prefetcher) Next() bool {
	for p.i >= len(p.batch) {
		b, ok := <-p.ch
		if !ok {
			p.err = p.src.Err() // the producer has finished: safe to read
			return false
		}
		p.batch, p.i = b, 0
	}
	p.row = p.batch[p.i]
	p.i++
	return true
}

func (p *prefetcher) Row() Row   { return p.row }
func (p *prefetcher) Err() error { return p.err }

// Close stops the reading goroutine and closes the source.
func (p *prefetcher) Close() error {
	p.once.Do(func() { close(p.done) })
	p.wg.Wait()
	return p.src.Close()
}
