/**
 * Bounded-memory duplicate detection for external IDs.
 *
 * Keys are never stored: the scanner hashes each key's bytes to 64 bits (two 32-bit words) and
 * this module remembers the hashes in an open-addressing table of `Uint32Array` pairs — 8 bytes a
 * slot, at most 75 % full, so 16 MiB for 1,000,000 rows where a `Set<string>` of the same keys
 * takes about 60–100 MB. A hash seen twice is only a *candidate*: the caller re-reads the file
 * and compares the real keys, so a hash collision can never report a false duplicate, and equal
 * keys always have equal hashes, so no duplicate is missed.
 *
 * Above {@link IN_MEMORY_ROW_LIMIT} expected rows the hashes are spilled to temporary partition
 * files by their top bits and checked one partition at a time, so memory stays flat (about
 * 8 MiB) however large the file; the partition files take 8 bytes a row on disk and are removed.
 *
 * @module
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Expected row count up to which the whole table stays in memory (≤ 32 MiB of slots). */
export const IN_MEMORY_ROW_LIMIT = 2_000_000;
/** Rows a spilled partition aims at: its table then takes about 8 MiB. */
const ROWS_PER_PARTITION = 1_000_000;
/** Hash pairs buffered per partition before they are written out (32 KiB). */
const SPILL_BUFFER_PAIRS = 4096;

/**
 * An open-addressing hash set of 64-bit values given as two 32-bit words. The pair (0, 0) marks
 * an empty slot, so it is stored as (0, 1).
 */
export class HashSet64 {
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  /** @param expected - number of values expected; the table starts large enough for them */
  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity * 0.75 < expected) {
      capacity *= 2;
    }
    this.slots = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** Number of distinct values held. */
  get size(): number {
    return this.count;
  }

  /** Empties the set, keeping its table. */
  clear(): void {
    this.slots.fill(0);
    this.count = 0;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  /**
   * Adds a value.
   *
   * @param hi - high 32 bits
   * @param lo - low 32 bits
   * @returns `true` when the value was already present
   */
  add(hi: number, lo: number): boolean {
    hi >>>= 0;
    lo >>>= 0;
    if (hi === 0 && lo === 0) {
      lo = 1;
    }
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) {
      this.grow();
    }
    const slots = this.slots;
    let index = lo & this.mask;
    for (;;) {
      const at = index * 2;
      const h = slots[at];
      const l = slots[at + 1];
      if (h === 0 && l === 0) {
        slots[at] = hi;
        slots[at + 1] = lo;
        this.count++;
        return false;
      }
      if (h === hi && l === lo) {
        return true;
      }
      index = (index + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    this.count = 0;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] !== 0 || old[at + 1] !== 0) {
        this.add(old[at], old[at + 1]);
      }
    }
  }
}

/** Hash pairs that were seen more than once, as `hi:lo` strings (few: duplicates are errors). */
export type Candidates = Set<string>;

/**
 * Collects 64-bit key hashes and reports the ones seen twice. In memory for expected row counts
 * up to {@link IN_MEMORY_ROW_LIMIT}, otherwise spilled to partition files (see the module doc).
 */
export class DuplicateDetector {
  private readonly memory?: HashSet64;
  private readonly candidates: Candidates = new Set();
  private readonly partitions: { buffer: Uint32Array; used: number; fd: number }[] = [];
  private readonly partitionShift: number;
  private readonly spillDir?: string;
  private peak = 0;

  /**
   * @param expectedRows - estimate of the number of keys (from the file size)
   * @param tempDir - where partition files go when spilling (default: the OS temp dir)
   */
  constructor(expectedRows: number, tempDir = os.tmpdir()) {
    if (expectedRows <= IN_MEMORY_ROW_LIMIT) {
      this.memory = new HashSet64(Math.max(1024, expectedRows));
      this.partitionShift = 32;
      return;
    }
    let count = 2;
    while (count * ROWS_PER_PARTITION < expectedRows && count < 1024) {
      count *= 2;
    }
    this.partitionShift = 32 - Math.log2(count);
    this.spillDir = fs.mkdtempSync(path.join(tempDir, 'load-bulk-dedupe-'));
    for (let p = 0; p < count; p++) {
      const fd = fs.openSync(path.join(this.spillDir, `${p}.bin`), 'w+');
      this.partitions.push({ buffer: new Uint32Array(SPILL_BUFFER_PAIRS * 2), used: 0, fd });
    }
  }

  /** `true` when hashes go to partition files. */
  get spilled(): boolean {
    return this.memory === undefined;
  }

  /** Largest number of bytes the detector's tables held at once. */
  get peakBytes(): number {
    return Math.max(this.peak, this.memory?.bytes ?? 0);
  }

  /**
   * Records one key hash.
   *
   * @param hi - high 32 bits of the key hash
   * @param lo - low 32 bits of the key hash
   */
  add(hi: number, lo: number): void {
    if (this.memory !== undefined) {
      if (this.memory.add(hi, lo)) {
        this.candidates.add(`${hi >>> 0}:${lo >>> 0}`);
      }
      return;
    }
    const partition = this.partitions[hi >>> this.partitionShift];
    partition.buffer[partition.used++] = hi;
    partition.buffer[partition.used++] = lo;
    if (partition.used === partition.buffer.length) {
      flush(partition);
    }
  }

  /**
   * Finishes the check and removes any partition files.
   *
   * @returns the hashes seen more than once
   */
  finish(): Candidates {
    if (this.spillDir !== undefined) {
      try {
        // One pairs buffer and one table, sized for the largest partition, serve every partition.
        let largest = 0;
        for (const partition of this.partitions) {
          flush(partition);
          largest = Math.max(largest, fs.fstatSync(partition.fd).size);
        }
        const pairs = new Uint32Array(largest / 4);
        const set = new HashSet64(pairs.length / 2);
        for (const partition of this.partitions) {
          const size = fs.fstatSync(partition.fd).size;
          fs.readSync(partition.fd, pairs, 0, size, 0);
          fs.closeSync(partition.fd);
          set.clear();
          for (let at = 0; at < size / 4; at += 2) {
            if (set.add(pairs[at], pairs[at + 1])) {
              this.candidates.add(`${pairs[at] >>> 0}:${pairs[at + 1] >>> 0}`);
            }
          }
        }
        this.peak = set.bytes + pairs.byteLength;
      } finally {
        fs.rmSync(this.spillDir, { recursive: true, force: true });
      }
    }
    return this.candidates;
  }

  /** Removes partition files without checking (after an error). */
  dispose(): void {
    if (this.spillDir !== undefined) {
      for (const partition of this.partitions) {
        try {
          fs.closeSync(partition.fd);
        } catch {
          // already closed by finish()
        }
      }
      fs.rmSync(this.spillDir, { recursive: true, force: true });
    }
  }
}

function flush(partition: { buffer: Uint32Array; used: number; fd: number }): void {
  if (partition.used > 0) {
    fs.writeSync(partition.fd, partition.buffer, 0, partition.used * 4);
    partition.used = 0;
  }
}
