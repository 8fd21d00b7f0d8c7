import ArrowIPC
import Foundation

/// The trades job of `scripts/benchmark_processes.py`, a whole process written the way the
/// README teaches a user to write it: read every batch of a trades file, the volume-weighted
/// average price of each symbol (sum of price × qty over sum of qty), keep the rows whose price
/// is above their symbol's VWAP, write them as a ZSTD-compressed IPC stream, and print the
/// symbol count, the rows kept and the sum of the VWAPs (`scripts/pyarrow_jobs.py trades` does
/// the same with `group_by().aggregate` and `pc.filter`).
///
///     arrow-ipc-benchmark trades INPUT.arrow OUTPUT.arrows
///
/// Rows are grouped by the symbol column dictionary-encoded, batch by batch: a sum per entry
/// of the batch's dictionary, then per symbol.
enum TradesJob {
    /// A batch's columns, its symbols as indices into the symbols the batch holds.
    private struct Trades {
        let symbols: ColumnValues<String>
        let symbolIndices: Int32Array
        let prices: Float64Array
        let quantities: Int32Array

        init(_ batch: RecordBatch) throws {
            guard let symbolColumn = batch.column("symbol"), let prices = batch.column("price") as? Float64Array,
                  let quantities = batch.column("qty") as? Int32Array
            else { throw BenchmarkError("a trades batch needs symbol (string), price (double) and qty (int32) columns") }
            let encoded = try symbolColumn.dictionaryEncoded()
            symbols = try encoded.dictionary.strings
            symbolIndices = try encoded.indices(as: Int32Array.self)
            self.prices = prices
            self.quantities = quantities
        }
    }

    static func run(input: URL, output: URL) throws {
        let reader = try ArrowFileReader(url: input)
        let batches = try (0..<reader.recordBatchCount).map { try reader.recordBatch(at: $0) }
        let trades = try batches.map(Trades.init)

        var totals: [String: (value: Double, quantity: Int64)] = [:]
        for batch in trades {
            var values = [Double](repeating: 0, count: batch.symbols.count)
            var quantities = [Int64](repeating: 0, count: batch.symbols.count)
            for row in 0..<batch.prices.count {
                guard let symbol = batch.symbolIndices[row], let price = batch.prices[row],
                      let quantity = batch.quantities[row] else { continue }
                values[Int(symbol)] += price * Double(quantity)
                quantities[Int(symbol)] += Int64(quantity)
            }
            for (index, symbol) in batch.symbols.enumerated() {
                guard let symbol else { continue }
                totals[symbol, default: (0, 0)].value += values[index]
                totals[symbol, default: (0, 0)].quantity += quantities[index]
            }
        }
        let vwap = totals.mapValues { $0.value / Double($0.quantity) }

        let writer = try ArrowStreamWriter(url: output, schema: reader.schema, options: ArrowWriteOptions(compression: .zstd))
        var kept = 0
        for (batch, columns) in zip(batches, trades) {
            let averages = columns.symbols.map { $0.flatMap { vwap[$0] } ?? .infinity }
            let aboveVWAP = (0..<batch.rowCount).map { row in
                guard let symbol = columns.symbolIndices[row], let price = columns.prices[row] else { return false }
                return price > averages[Int(symbol)]
            }
            let above = try batch.filter(aboveVWAP)
            kept += above.rowCount
            try writer.write(above)
        }
        try writer.finish()
        print("symbols \(vwap.count) kept \(kept) vwap_sum \(String(format: "%.6f", vwap.values.reduce(0, +)))")
    }
}
