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
}
