import XCTest

@testable import CRMKit

final class CheckTests: XCTestCase {
  /// Addresses are matched by hash first: two addresses with one hash must still be told
  /// apart, so every address sharing a hash finds what distinct hashes find.
  func testClashesAreFoundWhateverTheAddressesHashTo() {
    let contacts = [["a@x.example", "b@x.example"], ["c@x.example", "a@x.example"], ["b@x.example", "d@x.example", "c@x.example"], [], ["d@x.example"]]
    let expected = ["1 a@x.example 0", "2 b@x.example 0", "2 c@x.example 1", "4 d@x.example 2"]
    for hash in [\.hashValue, { _ in 7 }, { $0.utf8.count }] as [(String) -> Int] {
      XCTAssertEqual(Check.clashes(contacts, hash: hash).map { "\($0.contact) \($0.email) \($0.owner)" }, expected)
    }
  }
}
