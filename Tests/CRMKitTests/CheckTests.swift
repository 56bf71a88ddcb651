import XCTest

@testable import CRMKit

final class CheckTests: XCTestCase {
  /// Addresses are matched by hash first: two addresses with one hash must still be told
  /// apart, so every address sharing a hash finds what distinct hashes find. The contact
  /// with the smallest id has an address, whatever order the contacts come in (threads add
  /// them as they parse them).
  func testClashesAreFoundWhateverTheAddressesHashToAndTheOrderContactsComeIn() {
    let contacts = [["a@x.example", "b@x.example"], ["c@x.example", "a@x.example"], ["b@x.example", "d@x.example", "c@x.example"], [], ["d@x.example"]]
    let expected = [
      "contacts/c1.md: email 'a@x.example' is also on contacts/c0.md", "contacts/c2.md: email 'b@x.example' is also on contacts/c0.md",
      "contacts/c2.md: email 'c@x.example' is also on contacts/c1.md", "contacts/c4.md: email 'd@x.example' is also on contacts/c2.md",
    ]
    for hash in [\.fnv1a, { _ in 7 }, { UInt64($0.utf8.count) }, { UInt64($0.utf8.first!) }] as [@Sendable (String) -> UInt64] {
      for order in [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]] {
        let book = AddressBook(parts: 3, hash: hash)
        for i in order { book.add(contacts[i].sorted(), of: AddressBook.Holder(id: "c\(i)", path: "contacts/c\(i).md", mark: nil)) }
        XCTAssertEqual(book.clashes().map(\.description), expected, "\(order)")
      }
    }
  }

  /// Threads adding at once find what one thread finds.
  func testContactsAddedFromManyThreadsAtOnceFindTheSameClashes() {
    // 4,000 contacts with three addresses each from a pool of 5,000: many are shared.
    let contacts = (0..<4000).map { i in Set((0..<3).map { j in "p\((i * 7 + j * 1_877) % 5000)@x.example" }).sorted() }
    @Sendable func holder(_ i: Int) -> AddressBook.Holder { AddressBook.Holder(id: "c\(String(i + 10_000))", path: "contacts/c\(i).md", mark: nil) }
    let one = AddressBook(parts: 4)
    for i in contacts.indices { one.add(contacts[i], of: holder(i)) }
    let many = AddressBook(parts: 4)
    DispatchQueue.concurrentPerform(iterations: contacts.count) { i in many.add(contacts[i], of: holder(i)) }
    let expected = one.clashes().map(\.description)
    XCTAssertGreaterThan(expected.count, 1000)
    XCTAssertEqual(many.clashes().map(\.description), expected)
  }
}
