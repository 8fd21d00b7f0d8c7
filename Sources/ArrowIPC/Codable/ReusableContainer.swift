/// A keyed container (a `KeyedEncodingContainer` or `KeyedDecodingContainer`) that a node
/// keeps to hand out again for its next values. Allocating a container and looking up its
/// generic types for every record is the costliest part of coding a small one.
final class ReusableContainer<Container> {
    /// The container, in memory of its own so that ``isOnlyHolder()`` can look at it as the
    /// reference it is (without a generic call per look).
    private let container: UnsafeMutablePointer<Container>
    /// Whether the container is laid out as the reference to its box.
    private let isBoxReference: Bool

    init(_ container: Container) {
        isBoxReference = Self.holdsOnlyItsBox(container)
        self.container = .allocate(capacity: 1)
        self.container.initialize(to: container)
    }

    deinit {
        container.deinitialize(count: 1)
        container.deallocate()
    }

    /// The container. Not inlined: the call takes the container's type from this object, where
    /// inlined code would look up the metadata of `Keyed…Container<Key>` for every record.
    @inline(never)
    func reuse() -> Container {
        container.pointee
    }

    /// Whether nothing but this object holds the container's box: the code the container was
    /// last handed to has let go of it. `false` where that cannot be told.
    @inline(never)
    func isOnlyHolder() -> Bool {
        guard isBoxReference else { return false }
        return isKnownUniquelyReferenced(&UnsafeMutableRawPointer(container).assumingMemoryBound(to: AnyObject.self).pointee)
    }

    /// Whether `container` is laid out as one reference, to its box, as the standard library
    /// has its keyed containers.
    private static func holdsOnlyItsBox(_ container: Container) -> Bool {
        let children = Mirror(reflecting: container).children
        guard MemoryLayout<Container>.size == MemoryLayout<AnyObject>.size,
              MemoryLayout<Container>.alignment == MemoryLayout<AnyObject>.alignment,
              children.count == 1, let box = children.first?.value else { return false }
        return type(of: box) is AnyObject.Type
    }
}
