import Foundation
import Testing
import ArrowIPC

/// ``ArrowDecoder`` on a file pyarrow wrote in the layouts pandas and pyarrow users get
/// (`PyarrowRecords/records.arrow`, made by `PyarrowRecords/make_files.py`, which holds the same
/// values): large strings, nanosecond timestamps, dictionary-encoded categories, views, UUIDs,
/// decimals, nested lists of structs and maps, snake_case names and a column no key asks for.
/// The other direction, pyarrow reading what ``ArrowEncoder`` wrote, is in `ExportFixtureTests`
/// and `Tests/interop/test_export.py`.
struct CodableInteropTests {
    enum Side: String, Codable { case buy, sell }

    struct Fill: Codable, Equatable {
        var qty: Int32
        var at: Float?
    }

    struct Trade: Codable, Equatable {
        var tradeTime: Date
        var symbol: String
        var price: Double
        var qty: Int
        var side: Side
        var venue: String?
        var fee: Decimal?
        var orderId: UUID
        var tags: [String]?
        var fills: [Fill]
        var limits: [String: Int]?
        var settleDate: Date?
        var payload: Data?
    }

    static func table() throws -> Table {
        let url = try #require(Bundle.module.url(forResource: "PyarrowRecords/records", withExtension: "arrow"))
        let reader = try ArrowFileReader(url: url)
        return try Table(schema: reader.schema, batches: try reader.readAll())
    }

    @Test func pyarrowsRecordsDecode() throws {
        let trades = try ArrowDecoder(keyDecodingStrategy: .convertFromSnakeCase).decode(Trade.self, from: try Self.table())
        try #require(trades.count == 3)
        let times = trades.map(\.tradeTime.timeIntervalSince1970)
        for (time, expected) in zip(times, [1_709_285_400.123456, 1_709_285_401, -0.5]) {
            #expect(abs(time - expected) < 1e-6, "\(time) is not \(expected)")
        }
        #expect(trades.map(\.symbol) == ["AAPL", "MSFT", "ÜNÏ"])
        #expect(trades.map(\.price) == [189.5, 370.25, -0.5])
        #expect(trades.map(\.qty) == [100, -5, 7])
        #expect(trades.map(\.side) == [.buy, .sell, .buy])
        #expect(trades.map(\.venue) == ["XNAS", nil, "XNYS"])
        #expect(trades.map(\.fee) == [Decimal(string: "0.25"), nil, Decimal(string: "-1.50")])
        #expect(trades.map(\.orderId) == [
            try #require(UUID(uuidString: "00000000-0000-0000-0000-000000000001")),
            try #require(UUID(uuidString: "12345678-1234-5678-1234-567812345678")),
            try #require(UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")),
        ])
        #expect(trades.map(\.tags) == [["a", "b"], [], nil])
        #expect(trades.map(\.fills) == [[Fill(qty: 60, at: 189.5), Fill(qty: 40, at: 189.25)], [], [Fill(qty: 7, at: nil)]])
        #expect(trades.map(\.limits) == [["max": 1000, "min": 1], nil, [:]])
        #expect(trades.map(\.settleDate) == [Date(timeIntervalSince1970: 19_786 * 86_400), Date(timeIntervalSince1970: 19_786 * 86_400), nil])
        #expect(trades.map(\.payload) == [Data([0, 255]), Data(), nil])
    }

    /// What was decoded encodes again, and decodes back equal (the types now the encoder's).
    @Test func decodedRecordsRoundTrip() throws {
        let trades = try ArrowDecoder(keyDecodingStrategy: .convertFromSnakeCase).decode(Trade.self, from: try Self.table())
        let batch = try ArrowEncoder(keyEncodingStrategy: .convertToSnakeCase).encode(trades)
        #expect(batch.schema.fields.map(\.name) == [
            "trade_time", "symbol", "price", "qty", "side", "venue", "fee", "order_id", "tags", "fills", "limits", "settle_date", "payload",
        ])
        let back = try ArrowDecoder(keyDecodingStrategy: .convertFromSnakeCase).decode(Trade.self, from: batch)
        #expect(back == trades)
    }

    /// A Swift type that needs a column the file lacks fails naming it.
    @Test func aColumnTheFileLacksIsNamed() throws {
        struct Wants: Decodable { var symbol: String; var exchange: String }
        #expect {
            _ = try ArrowDecoder().decode(Wants.self, from: try Self.table())
        } throws: { error in
            "\(error)".contains("exchange")
        }
    }
}
