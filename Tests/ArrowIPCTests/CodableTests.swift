import Foundation
import Testing
@testable import ArrowIPC

/// `ArrowEncoder` and `ArrowDecoder`: the schema each Codable shape gets (from the type and
/// from the values), round trips, conversions into a given schema, key strategies, and errors
/// that name the row and coding path.
struct CodableTests {
    // MARK: - The seed example

    struct Trade: Codable, Equatable {
        var time: Date
        var symbol: String
        var price: Double
        var qty: Int32
        var side: Side
    }

    enum Side: String, Codable { case buy, sell }

    static let trades = [
        Trade(time: Date(timeIntervalSince1970: 1_700_000_000.123456), symbol: "AAPL", price: 189.5, qty: 100, side: .buy),
        Trade(time: Date(timeIntervalSince1970: 1_700_000_001), symbol: "MSFT", price: 370.25, qty: -5, side: .sell),
        Trade(time: Date(timeIntervalSince1970: 1_700_000_002.5), symbol: "AAPL", price: 189.75, qty: 7, side: .buy),
    ]

    @Test func tradesRoundTrip() throws {
        let batch = try ArrowEncoder().encode(Self.trades)
        #expect(batch.schema.fields == [
            Field("time", .timestamp(.microsecond, timeZone: "UTC"), nullable: false),
            Field("symbol", .utf8, nullable: false),
            Field("price", .float64, nullable: false),
            Field("qty", .int32, nullable: false),
            Field("side", .dictionary(index: .int32, value: .utf8, ordered: false), nullable: false, dictionaryId: 0),
        ])
        #expect(batch.rowCount == 3)
        #expect(try batch.column(4).value(at: 1) == .string("sell"))
        #expect(try batch.column(0).value(at: 0) == .timestamp(1_700_000_000_123_456, .microsecond, timeZone: "UTC"))
        #expect(try ArrowDecoder().decode(Trade.self, from: batch) == Self.trades)
    }

    @Test func aBatchWrittenToAFileReadsBackEqual() throws {
        let batch = try ArrowEncoder().encode(Self.trades)
        let writer = try ArrowFileWriter(schema: batch.schema)
        try writer.write(batch)
        let reader = try ArrowFileReader(data: try writer.finish())
        let read = try reader.recordBatch(at: 0)
        #expect(read.firstDifference(from: batch) == nil)
        #expect(try ArrowDecoder().decode(Trade.self, from: read) == Self.trades)
    }

    // MARK: - Scalars and special types

    struct Scalars: Codable, Equatable {
        var int: Int, int8: Int8, int16: Int16, int32: Int32, int64: Int64
        var uint: UInt, uint8: UInt8, uint16: UInt16, uint32: UInt32, uint64: UInt64
        var float: Float, double: Double, bool: Bool, string: String
    }

    @Test func scalarsGetTheirOwnTypes() throws {
        let values = [
            Scalars(int: -1, int8: -8, int16: -16, int32: -32, int64: .min, uint: 1, uint8: 8, uint16: 16, uint32: 32, uint64: .max,
                    float: 1.5, double: -2.25, bool: true, string: "héllo"),
            Scalars(int: .max, int8: .max, int16: .min, int32: 0, int64: 0, uint: .max, uint8: .max, uint16: 0, uint32: .max, uint64: 0,
                    float: .infinity, double: 0, bool: false, string: ""),
        ]
        let batch = try ArrowEncoder().encode(values)
        #expect(batch.schema.fields.map(\.type) == [
            .int64, .int8, .int16, .int32, .int64, .uint64, .uint8, .uint16, .uint32, .uint64, .float32, .float64, .boolean, .utf8,
        ])
        #expect(batch.schema.fields.allSatisfy { !$0.isNullable })
        #expect(try ArrowDecoder().decode(Scalars.self, from: batch) == values)
    }

    struct Specials: Codable, Equatable {
        var id: UUID
        var amount: Decimal
        var payload: Data
        var link: URL
        var when: Date
    }

    @Test func foundationTypesGetArrowTypes() throws {
        let values = [
            Specials(id: UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!, amount: Decimal(string: "12.5")!,
                     payload: Data([0, 1, 2]), link: URL(string: "https://arrow.apache.org/docs")!,
                     when: Date(timeIntervalSince1970: 86_400)),
            Specials(id: UUID(), amount: Decimal(string: "-0.125")!, payload: Data(), link: URL(string: "file:///tmp/x")!,
                     when: Date(timeIntervalSince1970: -1.5)),
        ]
        let batch = try ArrowEncoder().encode(values)
        #expect(batch.schema.fields.map(\.type) == [
            UUIDType().dataType, .decimal128(precision: 38, scale: 3), .binary, .utf8, .timestamp(.microsecond, timeZone: "UTC"),
        ])
        #expect(try batch.column(1).value(at: 0).description == "12.500")
        #expect(try batch.column(3).value(at: 0) == .string("https://arrow.apache.org/docs"))
        #expect(try ArrowDecoder().decode(Specials.self, from: batch) == values)
    }

    @Test func decimalScaleIsTheLargestTheValuesNeed() throws {
        struct Price: Codable, Equatable { var value: Decimal }
        let values = [Price(value: 1), Price(value: Decimal(string: "2.25")!), Price(value: Decimal(string: "1e3")!)]
        let batch = try ArrowEncoder().encode(values)
        #expect(batch.schema.fields[0].type == .decimal128(precision: 38, scale: 2))
        #expect(try (0..<3).map { try batch.column(0).value(at: $0).description } == ["1.00", "2.25", "1000.00"])
        #expect(try ArrowDecoder().decode(Price.self, from: batch) == values)
        #expect(try ArrowEncoder().encode([Price]()).schema.fields[0].type == .decimal128(precision: 38, scale: 0))
        #expect(throws: EncodingError.self, "39 digits do not fit in decimal128(38, _)") {
            try ArrowEncoder().encode([Price(value: Decimal(string: "123456789012345678901234567890123456789")!)])
        }
    }

    // MARK: - Optionals and nesting

    struct Address: Codable, Equatable {
        var city: String
        var zip: String?
    }

    struct Person: Codable, Equatable {
        var name: String
        var age: Int?
        var address: Address?
        var nicknames: [String]?
        var scores: [Double?]
    }

    @Test func optionalsAreNullableAtEveryDepth() throws {
        let people = [
            Person(name: "Ada", age: 36, address: Address(city: "London", zip: nil), nicknames: ["Countess"], scores: [1, nil]),
            Person(name: "Alan", age: nil, address: nil, nicknames: nil, scores: []),
            Person(name: "Grace", age: 85, address: Address(city: "Arlington", zip: "22201"), nicknames: [], scores: [nil]),
        ]
        let batch = try ArrowEncoder().encode(people)
        #expect(batch.schema.fields == [
            Field("name", .utf8, nullable: false),
            Field("age", .int64),
            Field("address", .struct([Field("city", .utf8, nullable: false), Field("zip", .utf8)])),
            Field("nicknames", .list(Field("item", .utf8, nullable: false))),
            Field("scores", .list(Field("item", .float64)), nullable: false),
        ])
        #expect(batch.columnData[1].nullCount == 1)
        #expect(batch.columnData[2].nullCount == 1)
        #expect(try batch.column(2).value(at: 0) == .struct(ArrowRecord(["city": .string("London"), "zip": .null])))
        #expect(try ArrowDecoder().decode(Person.self, from: batch) == people)
    }

    @Test func optionalsThatAreAlwaysNilKeepTheirType() throws {
        let people = [Person(name: "Nobody", age: nil, address: nil, nicknames: nil, scores: [])]
        let batch = try ArrowEncoder().encode(people)
        #expect(batch.schema.fields[1] == Field("age", .int64))
        #expect(batch.schema.fields[2].type == .struct([Field("city", .utf8, nullable: false), Field("zip", .utf8)]))
        #expect(batch.schema.fields[4].type == .list(Field("item", .float64)), "the item type of an empty array")
        #expect(try ArrowDecoder().decode(Person.self, from: batch) == people)
    }

    struct Order: Codable, Equatable {
        struct Line: Codable, Equatable {
            var sku: String
            var quantity: Int
            var tags: Set<String>
        }

        var id: Int
        var lines: [Line]
        var matrix: [[Int]]
    }

    @Test func arraysOfStructsAndNestedArrays() throws {
        let orders = [
            Order(id: 1, lines: [Order.Line(sku: "a", quantity: 2, tags: ["x"]), Order.Line(sku: "b", quantity: 1, tags: [])],
                  matrix: [[1, 2], [], [3]]),
            Order(id: 2, lines: [], matrix: []),
        ]
        let batch = try ArrowEncoder().encode(orders)
        let line = DataType.struct([
            Field("sku", .utf8, nullable: false), Field("quantity", .int64, nullable: false),
            Field("tags", .list(Field("item", .utf8, nullable: false)), nullable: false),
        ])
        #expect(batch.schema.fields.map(\.type) == [
            .int64, .list(Field("item", line, nullable: false)),
            .list(Field("item", .list(Field("item", .int64, nullable: false)), nullable: false)),
        ])
        #expect(try ArrowDecoder().decode(Order.self, from: batch) == orders)
    }

    struct Inventory: Codable, Equatable {
        var counts: [String: Int]
        var locations: [String: Address?]
        var byID: [Int: String]
    }

    @Test func dictionariesAreMaps() throws {
        let values = [
            Inventory(counts: ["apples": 3, "pears": 0], locations: ["home": Address(city: "Paris", zip: nil), "away": nil],
                      byID: [7: "seven", -1: "minus one"]),
            Inventory(counts: [:], locations: [:], byID: [:]),
        ]
        let batch = try ArrowEncoder().encode(values)
        #expect(batch.schema.fields.map(\.type) == [
            codableMapType(key: .utf8, value: Field("value", .int64, nullable: false)),
            codableMapType(key: .utf8, value: Field("value", .struct([Field("city", .utf8, nullable: false), Field("zip", .utf8)]))),
            codableMapType(key: .int64, value: Field("value", .utf8, nullable: false)),
        ])
        #expect(try ArrowDecoder().decode(Inventory.self, from: batch) == values)
    }

    // MARK: - Enums

    enum Level: Int, Codable { case low = 1, high = 10 }
    enum Flag: UInt8, Codable, CaseIterable { case off, on }
    enum Color: String, Codable, CaseIterable { case red, green }

    struct Tagged: Codable, Equatable {
        var side: Side
        var level: Level
        var flag: Flag
        var colors: [Color]
        var maybe: Side?
    }

    static let tagged = [
        Tagged(side: .sell, level: .high, flag: .on, colors: [.green, .red], maybe: nil),
        Tagged(side: .buy, level: .low, flag: .off, colors: [], maybe: .sell),
    ]

    @Test func enumsAreDictionaryEncodedOrTheirRawType() throws {
        let batch = try ArrowEncoder().encode(Self.tagged)
        let strings = DataType.dictionary(index: .int32, value: .utf8, ordered: false)
        #expect(batch.schema.fields == [
            Field("side", strings, nullable: false, dictionaryId: 0),
            Field("level", .int64, nullable: false),
            Field("flag", .uint8, nullable: false),
            Field("colors", .list(Field("item", strings, nullable: false, dictionaryId: 1)), nullable: false),
            Field("maybe", strings, dictionaryId: 2),
        ])
        #expect(try ArrowDecoder().decode(Tagged.self, from: batch) == Self.tagged)

        let raw = try ArrowEncoder(enumStrategy: .rawValue).encode(Self.tagged)
        #expect(raw.schema.fields.map(\.type) == [.utf8, .int64, .uint8, .list(Field("item", .utf8, nullable: false)), .utf8])
        #expect(try ArrowDecoder().decode(Tagged.self, from: raw) == Self.tagged)
    }

    enum Figure: Codable, Equatable {
        case circle(radius: Double)
        case rectangle(width: Double, height: Double)
        case point
    }

    struct Drawing: Codable, Equatable {
        var name: String
        var figure: Figure
    }

    @Test func enumsWithAssociatedValuesAreLearntFromTheValues() throws {
        let drawings = [
            Drawing(name: "a", figure: .circle(radius: 1)),
            Drawing(name: "b", figure: .rectangle(width: 2, height: 3)),
            Drawing(name: "c", figure: .point),
        ]
        let batch = try ArrowEncoder().encode(drawings)
        #expect(batch.schema.fields[1].type == .struct([
            Field("circle", .struct([Field("radius", .float64, nullable: false)])),
            Field("rectangle", .struct([Field("width", .float64, nullable: false), Field("height", .float64, nullable: false)])),
            Field("point", .struct([])),
        ]))
        #expect(try ArrowDecoder().decode(Drawing.self, from: batch) == drawings)
    }

    // MARK: - Empty input and types that cannot be probed

    @Test func emptyInputStillHasTheSchemaOfTheType() throws {
        let batch = try ArrowEncoder().encode([Person]())
        #expect(batch.rowCount == 0)
        #expect(batch.schema.fields.map(\.name) == ["name", "age", "address", "nicknames", "scores"])
        #expect(batch.schema.fields[2].type == .struct([Field("city", .utf8, nullable: false), Field("zip", .utf8)]))
        #expect(try ArrowDecoder().decode(Person.self, from: batch) == [])

        struct WithCaseIterable: Codable { var color: Color; var flag: Flag }
        let enums = try ArrowEncoder().encode([WithCaseIterable]())
        #expect(enums.schema.fields.map(\.type) == [.dictionary(index: .int32, value: .utf8, ordered: false), .uint8])
    }

    @Test func emptyInputOfATypeThatCannotBeProbedIsAnError() throws {
        let error = try #require(throws: EncodingError.self) { try ArrowEncoder().encode([Trade]()) }
        #expect("\(error)".contains("side"), "names the key the probe stopped at: \(error)")
        #expect("\(error)".contains("CaseIterable"))
        // With the schema given, there is nothing to learn.
        let schema = try ArrowEncoder().encode(Self.trades).schema
        #expect(try ArrowEncoder(schema: schema).encode([Trade]()).schema == schema)
    }

    struct Reading: Encodable {
        var sensor: String
        var value: Double?
        var note: String?
        var extra: [Int]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sensor, forKey: .sensor)
            try container.encodeIfPresent(value, forKey: .value)
            if let note { try container.encode(note, forKey: .note) }
            try container.encode(extra, forKey: .extra)
        }

        enum CodingKeys: String, CodingKey { case sensor, value, note, extra }
    }

    @Test func encodableOnlyTypesAreLearntFromTheValues() throws {
        let readings = [
            Reading(sensor: "a", value: nil, note: nil, extra: []),
            Reading(sensor: "b", value: nil, note: "calibrated", extra: []),
        ]
        let batch = try ArrowEncoder().encode(readings)
        #expect(batch.schema.fields == [
            Field("sensor", .utf8, nullable: false),
            Field("value", .null),
            Field("note", .utf8),
            Field("extra", .list(Field("item", .null)), nullable: false),
        ])
        #expect(try batch.column(2).value(at: 0) == .null)
        #expect(try batch.column(2).value(at: 1) == .string("calibrated"))
        let error = try #require(throws: EncodingError.self) { try ArrowEncoder().encode([Reading]()) }
        #expect("\(error)".contains("not Decodable"))
    }

    final class TreeNode: Codable, Equatable {
        let value: Int
        let children: [TreeNode]

        init(_ value: Int, _ children: [TreeNode] = []) {
            self.value = value
            self.children = children
        }

        static func == (left: TreeNode, right: TreeNode) -> Bool {
            left.value == right.value && left.children == right.children
        }
    }

    @Test func recursiveTypesAreLearntFromTheValues() throws {
        let trees = [TreeNode(1, [TreeNode(2), TreeNode(3, [TreeNode(4)])]), TreeNode(5)]
        let batch = try ArrowEncoder().encode(trees)
        #expect(batch.schema.fields.map(\.name) == ["value", "children"])
        #expect(try ArrowDecoder().decode(TreeNode.self, from: batch) == trees)
    }

    // MARK: - Keys

    struct Account: Codable, Equatable {
        var accountID: Int
        var displayName: String
        var homeURL: URL?
    }

    @Test func keyStrategiesNameTheColumns() throws {
        let accounts = [Account(accountID: 1, displayName: "One", homeURL: URL(string: "https://example.com"))]
        let snake = try ArrowEncoder(keyEncodingStrategy: .convertToSnakeCase).encode(accounts)
        #expect(snake.schema.fields.map(\.name) == ["account_id", "display_name", "home_url"])
        #expect(try ArrowDecoder(keyDecodingStrategy: .convertFromSnakeCase).decode(Account.self, from: snake) == accounts)
        let custom = try ArrowEncoder(keyEncodingStrategy: .custom { path in
            ArrowCodingKey(stringValue: path.map(\.stringValue).joined(separator: ".").uppercased())
        }).encode(accounts)
        #expect(custom.schema.fields.map(\.name) == ["ACCOUNTID", "DISPLAYNAME", "HOMEURL"])
        let back = try ArrowDecoder(keyDecodingStrategy: .custom { path in
            let name = path.last?.stringValue ?? ""
            return ArrowCodingKey(stringValue: ["ACCOUNTID": "accountID", "DISPLAYNAME": "displayName", "HOMEURL": "homeURL"][name] ?? name)
        }).decode(Account.self, from: custom)
        #expect(back == accounts)
    }

    @Test func snakeCaseConversionsFollowJSONEncoder() {
        #expect(SnakeCase.fromCamelCase("myURLProperty") == "my_url_property")
        #expect(SnakeCase.fromCamelCase("accountID") == "account_id")
        #expect(SnakeCase.fromCamelCase("_leading") == "_leading")
        #expect(SnakeCase.fromCamelCase("value2Go") == "value2_go")
        #expect(SnakeCase.fromCamelCase("simple") == "simple")
        #expect(SnakeCase.toCamelCase("my_url_property") == "myUrlProperty")
        #expect(SnakeCase.toCamelCase("__private_thing_") == "__privateThing_")
        #expect(SnakeCase.toCamelCase("plain") == "plain")
    }

    struct Renamed: Codable, Equatable {
        var identifier: Int
        var label: String?

        enum CodingKeys: String, CodingKey {
            case identifier = "id"
            case label = "Label Text"
        }
    }

    @Test func codingKeysRenameColumns() throws {
        let values = [Renamed(identifier: 4, label: "four"), Renamed(identifier: 5, label: nil)]
        let batch = try ArrowEncoder().encode(values)
        #expect(batch.schema.fields.map(\.name) == ["id", "Label Text"])
        #expect(try ArrowDecoder().decode(Renamed.self, from: batch) == values)
    }

    // MARK: - Containers asked for by hand

    struct Place: Codable, Equatable {
        var name: String
        var latitude: Double
        var longitude: Double

        enum CodingKeys: String, CodingKey { case name, position }
        enum PositionKeys: String, CodingKey { case lat, lon }

        init(name: String, latitude: Double, longitude: Double) {
            self.name = name
            self.latitude = latitude
            self.longitude = longitude
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            let position = try container.nestedContainer(keyedBy: PositionKeys.self, forKey: .position)
            latitude = try position.decode(Double.self, forKey: .lat)
            longitude = try position.decode(Double.self, forKey: .lon)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            var position = container.nestedContainer(keyedBy: PositionKeys.self, forKey: .position)
            try position.encode(latitude, forKey: .lat)
            try position.encode(longitude, forKey: .lon)
        }
    }

    @Test func nestedContainersAreStructs() throws {
        let places = [Place(name: "Paris", latitude: 48.85, longitude: 2.35), Place(name: "Null Island", latitude: 0, longitude: 0)]
        let batch = try ArrowEncoder().encode(places)
        #expect(batch.schema.fields.map(\.type) == [
            .utf8, .struct([Field("lat", .float64, nullable: false), Field("lon", .float64, nullable: false)]),
        ])
        #expect(try ArrowDecoder().decode(Place.self, from: batch) == places)
    }

    class Vehicle: Codable {
        var wheels: Int

        init(wheels: Int) { self.wheels = wheels }
    }

    final class Car: Vehicle, Equatable {
        var brand: String

        init(wheels: Int, brand: String) {
            self.brand = brand
            super.init(wheels: wheels)
        }

        enum CodingKeys: String, CodingKey { case brand }

        required init(from decoder: any Decoder) throws {
            brand = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .brand)
            try super.init(from: decoder.container(keyedBy: CodingKeys.self).superDecoder())
        }

        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(brand, forKey: .brand)
            try super.encode(to: container.superEncoder())
        }

        static func == (left: Car, right: Car) -> Bool { left.wheels == right.wheels && left.brand == right.brand }
    }

    @Test func superclassesAreAStructCalledSuper() throws {
        let cars = [Car(wheels: 4, brand: "Citroën"), Car(wheels: 3, brand: "Reliant")]
        let batch = try ArrowEncoder().encode(cars)
        #expect(batch.schema.fields == [
            Field("brand", .utf8, nullable: false), Field("super", .struct([Field("wheels", .int64, nullable: false)]), nullable: false),
        ])
        #expect(try ArrowDecoder().decode(Car.self, from: batch) == cars)
    }

    /// Writes `x` through one of two coding key types, as `viaB` says.
    struct TwoKeyTypes: Encodable {
        var x: Int64
        var viaB: Bool
        enum A: String, CodingKey { case x }
        enum B: String, CodingKey { case x }

        func encode(to encoder: any Encoder) throws {
            if viaB {
                var container = encoder.container(keyedBy: B.self)
                try container.encode(x, forKey: .x)
            } else {
                var container = encoder.container(keyedBy: A.self)
                try container.encode(x, forKey: .x)
            }
        }
    }

    struct HoldsTwoKeyTypes: Encodable {
        var item: TwoKeyTypes
    }

    // The encoder hands a record's keyed container out again for the next records: one of
    // other coding keys gets a container of its own.
    @Test func recordsMayChangeTheirCodingKeysFromValueToValue() throws {
        let values = [false, true, true, false, true].enumerated().map { TwoKeyTypes(x: Int64($0.offset), viaB: $0.element) }
        let batch = try ArrowEncoder().encode(values)
        #expect(batch.schema.fields == [Field("x", .int64, nullable: false)])
        #expect(try (0..<5).map { try batch.column(0).value(at: $0) } == (0..<5).map { .int(Int64($0)) })
        let nested = try ArrowEncoder().encode(values.map(HoldsTwoKeyTypes.init))
        #expect(try ArrowDecoder().decode([String: [String: Int64]].self, from: nested).map { $0["item"]?["x"] } == (0..<5).map { Int64($0) })
    }

    @Test func theTopLevelMustBeKeyed() throws {
        let error = try #require(throws: EncodingError.self) { try ArrowEncoder().encode([1, 2]) }
        #expect(Self.describe(error).contains("Int encodes int64"))
        let nested = try #require(throws: EncodingError.self) { try ArrowEncoder().encode([[1], [2]]) }
        #expect(Self.describe(nested).contains("an unkeyed value"))
    }

    @Test func userInfoReachesTheValues() throws {
        struct Scaled: Codable, Equatable {
            static let factor = CodingUserInfoKey(rawValue: "factor")!
            var value: Double

            init(value: Double) { self.value = value }

            init(from decoder: any Decoder) throws {
                let factor = decoder.userInfo[Self.factor] as? Double ?? 1
                value = try decoder.singleValueContainer().decode(Double.self) / factor
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(value * (encoder.userInfo[Self.factor] as? Double ?? 1))
            }
        }
        struct Row: Codable, Equatable { var x: Scaled }
        var encoder = ArrowEncoder()
        encoder.userInfo[Scaled.factor] = 100.0
        let batch = try encoder.encode([Row(x: Scaled(value: 1.5))])
        #expect(try batch.column(0).value(at: 0) == .double(150))
        var decoder = ArrowDecoder()
        decoder.userInfo[Scaled.factor] = 100.0
        #expect(try decoder.decode(Row.self, from: batch) == [Row(x: Scaled(value: 1.5))])
    }

    // MARK: - A schema from the caller

    struct Event: Codable, Equatable {
        var day: Date
        var stamp: Date
        var count: Int
        var kind: String
        var ratio: Double
        var id: UUID?
    }

    static let eventSchema = Schema([
        Field("day", .date32, nullable: false),
        Field("stamp", .timestamp(.millisecond, timeZone: nil), nullable: false),
        Field("count", .int16, nullable: false),
        Field("kind", .dictionary(index: .int8, value: .utf8, ordered: false), nullable: false),
        Field("ratio", .float32, nullable: false),
        Field("id", .fixedSizeBinary(byteWidth: 16)),
    ])

    @Test func valuesConvertIntoTheCallersSchema() throws {
        let id = UUID()
        let events = [
            Event(day: Date(timeIntervalSince1970: 19_000 * 86_400), stamp: Date(timeIntervalSince1970: 1.25), count: -300,
                  kind: "a", ratio: 0.5, id: id),
            Event(day: Date(timeIntervalSince1970: 0), stamp: Date(timeIntervalSince1970: -2), count: 32_767, kind: "a", ratio: 1,
                  id: nil),
        ]
        let batch = try ArrowEncoder(schema: Self.eventSchema).encode(events)
        #expect(batch.schema == Self.eventSchema)
        #expect(try batch.column(0).value(at: 0) == .date32(19_000))
        #expect(try batch.column(1).value(at: 0) == .timestamp(1_250, .millisecond, timeZone: nil))
        #expect(try batch.column(2).value(at: 0) == .int(-300))
        #expect(batch.columnData[3].dictionary?.length == 1)
        #expect(try batch.column(4).value(at: 0) == .float(0.5))
        #expect(try ArrowDecoder().decode(Event.self, from: batch) == events)

        let tooBig = [Event(day: Date(timeIntervalSince1970: 0), stamp: Date(), count: 40_000, kind: "b", ratio: 0, id: nil)]
        let overflow = try #require(throws: EncodingError.self) { try ArrowEncoder(schema: Self.eventSchema).encode(events + tooBig) }
        #expect(Self.describe(overflow) == "row 2, count: integer 40000 does not fit in int16")
        let midday = [Event(day: Date(timeIntervalSince1970: 43_200), stamp: Date(), count: 0, kind: "b", ratio: 0, id: nil)]
        let timeOfDay = try #require(throws: EncodingError.self) { try ArrowEncoder(schema: Self.eventSchema).encode(midday) }
        #expect(Self.describe(timeOfDay).hasPrefix("row 0, day: "))
        #expect(Self.describe(timeOfDay).contains("not midnight UTC"))
    }

    @Test func aSchemaThatDoesNotFitTheValuesIsAnError() throws {
        let events = [Event(day: Date(timeIntervalSince1970: 0), stamp: Date(), count: 1, kind: "a", ratio: 0, id: nil)]
        let missing = Schema(Self.eventSchema.fields.filter { $0.name != "kind" })
        let unknownKey = try #require(throws: EncodingError.self) { try ArrowEncoder(schema: missing).encode(events) }
        #expect(Self.describe(unknownKey).contains("the key 'kind', which has no column"))

        var withExtra = Self.eventSchema
        withExtra.fields.append(Field("extra", .utf8, nullable: false))
        let noValue = try #require(throws: EncodingError.self) { try ArrowEncoder(schema: withExtra).encode(events) }
        #expect(Self.describe(noValue) == "row 0, extra: no value was encoded, and the column is not nullable")

        var wrongKind = Self.eventSchema
        wrongKind.fields[3] = Field("kind", .int64, nullable: false)
        let mismatch = try #require(throws: EncodingError.self) { try ArrowEncoder(schema: wrongKind).encode(events) }
        #expect(Self.describe(mismatch) == "row 0, kind: string a is not a value of type int64")
    }

    @Test func errorsNameTheRowAndThePathInsideLists() throws {
        let schema = Schema([
            Field("id", .int64, nullable: false),
            Field("lines", .list(Field("item", .struct([
                Field("sku", .utf8, nullable: false), Field("quantity", .int8, nullable: false),
                Field("tags", .list(Field("item", .utf8, nullable: false)), nullable: false),
            ]), nullable: false)), nullable: false),
            Field("matrix", .list(Field("item", .list(Field("item", .int64, nullable: false)), nullable: false)), nullable: false),
        ])
        let orders = [
            Order(id: 1, lines: [Order.Line(sku: "a", quantity: 1, tags: [])], matrix: []),
            Order(id: 2, lines: [Order.Line(sku: "b", quantity: 1, tags: []), Order.Line(sku: "c", quantity: 500, tags: [])],
                  matrix: []),
        ]
        let error = try #require(throws: EncodingError.self) { try ArrowEncoder(schema: schema).encode(orders) }
        #expect(Self.describe(error) == "row 1, lines[1].quantity: integer 500 does not fit in int8")
        guard case .invalidValue(_, let context) = error else { return }
        #expect(context.codingPath.map(\.stringValue) == ["Index 1", "lines", "Index 1", "quantity"])
    }

    // MARK: - Decoding

    @Test func decodingConvertsWhereExact() throws {
        struct Wide: Codable, Equatable {
            var small: Int
            var when: Date
            var day: Date
            var side: Side
            var price: Decimal
            var name: String
            var values: [Int16]
        }
        let batch = try RecordBatch(
            schema: Schema([
                Field("small", .int32), Field("when", .timestamp(.nanosecond, timeZone: "+01:00")), Field("day", .date64),
                Field("side", .dictionary(index: .uint8, value: .utf8, ordered: false)), Field("price", .decimal64(precision: 10, scale: 2)),
                Field("name", .largeUtf8), Field("values", .largeList(Field("item", .int64))), Field("ignored", .boolean),
            ]),
            columns: [
                Int32Array([7]).data,
                try PrimitiveArray<Int64>([1_500_000_000], type: .timestamp(.nanosecond, timeZone: "+01:00")).data,
                try PrimitiveArray<Int64>([86_400_000], type: .date64).data,
                try DictionaryArray(indices: UInt8Array([1]), dictionary: StringArray(["buy", "sell"])).data,
                try Self.build(.decimal64(precision: 10, scale: 2), [.decimal(ArrowDecimal(1234, precision: 10, scale: 2))]),
                LargeStringArray(["large"]).data,
                try Self.build(.largeList(Field("item", .int64)), [.list([.int(1), .int(-2)])]),
                BooleanArray([true]).data,
            ])
        let decoded = try ArrowDecoder().decode(Wide.self, from: batch)
        #expect(decoded == [Wide(
            small: 7, when: Date(timeIntervalSince1970: 1.5), day: Date(timeIntervalSince1970: 86_400), side: .sell,
            price: Decimal(string: "12.34")!, name: "large", values: [1, -2])])
    }

    @Test func aMissingColumnIsAnErrorNamingItAndTheColumns() throws {
        let batch = try ArrowEncoder().encode(Self.trades).selecting(columns: [0, 1, 3, 4])
        let error = try #require(throws: DecodingError.self) { try ArrowDecoder().decode(Trade.self, from: batch) }
        guard case .keyNotFound(let key, let context) = error else {
            Issue.record("expected keyNotFound, got \(error)")
            return
        }
        #expect(key.stringValue == "price")
        #expect(context.debugDescription == "row 0: no column for the key 'price'; the columns are: time, symbol, qty, side")
    }

    @Test func aMissingOptionalColumnIsNil() throws {
        struct Partial: Codable, Equatable { var symbol: String; var venue: String? }
        let batch = try ArrowEncoder().encode(Self.trades)
        #expect(try ArrowDecoder().decode(Partial.self, from: batch).map(\.venue) == [nil, nil, nil])
        #expect(try ArrowDecoder().decode(Partial.self, from: batch).map(\.symbol) == ["AAPL", "MSFT", "AAPL"])
    }

    @Test func decodingErrorsNameTheRowAndPath() throws {
        struct Priced: Codable { var symbol: String; var price: Double }
        let batch = try RecordBatch(
            names: ["symbol", "price"], columns: [StringArray(["a", "b", "c"]), StringArray(["1", "2", "x"])])
        let mismatch = try #require(throws: DecodingError.self) { try ArrowDecoder().decode(Priced.self, from: batch) }
        guard case .typeMismatch(_, let context) = mismatch else {
            Issue.record("expected typeMismatch, got \(mismatch)")
            return
        }
        #expect(context.debugDescription == "row 0, price: the string \"1\" is not a Double (column type string)")
        #expect(context.codingPath.map(\.stringValue) == ["Index 0", "price"])

        let nulls = try RecordBatch(names: ["symbol", "price"], columns: [StringArray(["a", nil]), Float64Array([1, 2])])
        let null = try #require(throws: DecodingError.self) { try ArrowDecoder().decode(Priced.self, from: nulls) }
        guard case .valueNotFound(_, let nullContext) = null else {
            Issue.record("expected valueNotFound, got \(null)")
            return
        }
        #expect(nullContext.debugDescription == "row 1, symbol: null, but String is not optional (column type string)")

        struct Tiny: Codable { var value: Int8 }
        let wide = try RecordBatch(names: ["value"], columns: [Int64Array([1, 300])])
        let overflow = try #require(throws: DecodingError.self) { try ArrowDecoder().decode(Tiny.self, from: wide) }
        guard case .dataCorrupted(let overflowContext) = overflow else {
            Issue.record("expected dataCorrupted, got \(overflow)")
            return
        }
        #expect(overflowContext.debugDescription == "row 1, value: 300 does not fit in Int8")
    }

    @Test func nestedDecodingErrorsNameTheListPosition() throws {
        let orders = [
            Order(id: 1, lines: [Order.Line(sku: "a", quantity: 1, tags: [])], matrix: []),
            Order(id: 2, lines: [Order.Line(sku: "b", quantity: 1, tags: []), Order.Line(sku: "c", quantity: 300, tags: [])],
                  matrix: []),
        ]
        struct NarrowOrder: Codable {
            struct Line: Codable { var sku: String; var quantity: Int8 }
            var id: Int
            var lines: [Line]
        }
        let batch = try ArrowEncoder().encode(orders)
        let error = try #require(throws: DecodingError.self) { try ArrowDecoder().decode(NarrowOrder.self, from: batch) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
        #expect(context.debugDescription == "row 1, lines[1].quantity: 300 does not fit in Int8")
    }

    @Test func tablesDecodeBatchAfterBatch() throws {
        let first = try ArrowEncoder().encode(Array(Self.trades.prefix(2)))
        let second = try ArrowEncoder().encode(Array(Self.trades.suffix(1)))
        let table = try Table(schema: first.schema, batches: [first, second])
        #expect(try ArrowDecoder().decode(Trade.self, from: table) == Self.trades)

        struct Narrow: Codable { var qty: Int8 }
        let big = try ArrowEncoder().encode([Trade(time: Date(), symbol: "x", price: 0, qty: 1_000, side: .buy)])
        let error = try #require(throws: DecodingError.self) {
            try ArrowDecoder().decode(Narrow.self, from: try Table(schema: first.schema, batches: [first, big]))
        }
        #expect(Self.describe(error) == "row 2, qty: 1000 does not fit in Int8")
    }

    @Test func structsDecodeIntoDictionaries() throws {
        struct Loose: Codable, Equatable { var address: [String: String?] }
        let batch = try ArrowEncoder().encode([Person(name: "a", age: nil, address: Address(city: "Rome", zip: nil), nicknames: nil, scores: [])])
        #expect(try ArrowDecoder().decode(Loose.self, from: batch) == [Loose(address: ["city": "Rome"])])
    }

    /// Reads the first two lines of an order through keyed containers that it keeps while it
    /// asks for the next: each container still reads its own line (the decoder hands a record's
    /// container out again only when nothing holds it any more).
    struct FirstTwoLines: Decodable {
        enum Keys: String, CodingKey { case lines }
        enum LineKeys: String, CodingKey { case sku }
        var first: String
        var second: String
        var kept: [KeyedDecodingContainer<LineKeys>]

        init(from decoder: any Decoder) throws {
            var lines = try decoder.container(keyedBy: Keys.self).nestedUnkeyedContainer(forKey: .lines)
            let one = try lines.nestedContainer(keyedBy: LineKeys.self)
            let two = try lines.nestedContainer(keyedBy: LineKeys.self)
            first = try one.decode(String.self, forKey: .sku)
            second = try two.decode(String.self, forKey: .sku)
            kept = [one, two]
        }
    }

    @Test func keyedContainersKeptByTheCallerKeepTheirRecord() throws {
        let orders = (0..<3).map { number in
            Order(id: number, lines: ["a", "b", "c"].map { Order.Line(sku: "\($0)\(number)", quantity: 1, tags: []) }, matrix: [])
        }
        let decoded = try ArrowDecoder().decode(FirstTwoLines.self, from: try ArrowEncoder().encode(orders))
        #expect(decoded.map(\.first) == ["a0", "a1", "a2"])
        #expect(decoded.map(\.second) == ["b0", "b1", "b2"])
        // The kept containers still read their own lines once decoding is over.
        #expect(try decoded.map { try $0.kept[0].decode(String.self, forKey: .sku) } == ["a0", "a1", "a2"])
    }

    // MARK: - Helpers

    /// The description of an encoding or decoding error, after its category.
    static func describe(_ error: any Error) -> String {
        switch error {
        case EncodingError.invalidValue(_, let context): context.debugDescription
        case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
             DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            context.debugDescription
        default: "\(error)"
        }
    }

    /// An array of `type` holding `values`.
    static func build(_ type: DataType, _ values: [ArrowValue]) throws -> ArrayData {
        let builder = try makeBuilder(type)
        try builder.append(contentsOf: values)
        return builder.finishData()
    }
}
