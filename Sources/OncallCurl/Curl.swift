import CCurl
import Foundation

// MARK: - Global initialisation

/// `curl_global_init` runs once, on first use: a global `let` is initialised lazily and atomically.
let globalInitResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

// MARK: - Performing a transfer

/// Performs one transfer and blocks the calling thread until it ends.
///
/// Run this off the Swift cooperative pool and off NIO event loops (see ``performDetached(_:)``, or
/// ``CurlMulti`` for many transfers at once). Any HTTP status is a response, not an error; only transport
/// failures throw.
public func perform(_ request: CurlRequest) throws(CurlError) -> CurlResponse {
    let easy = try EasyTransfer(request)
    let code = easy.setupCode == CURLE_OK ? curl_easy_perform(easy.handle) : easy.setupCode
    return try easy.finish(code).get()
}

/// Performs one transfer on a new thread, so the caller's executor is not blocked; see ``perform(_:)``.
///
/// Cancelling the calling task does not stop the transfer; the request's `timeout` bounds it.
public func performDetached(_ request: CurlRequest) async throws(CurlError) -> CurlResponse {
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<CurlResponse, CurlError>, Never>) in
        Thread.detachNewThread {
            continuation.resume(returning: Result { () throws(CurlError) -> CurlResponse in try perform(request) })
        }
    }
    return try result.get()
}

// MARK: - One easy handle

/// An easy handle configured for one request, with everything its options and callbacks point into
/// (the ``Transfer`` box, the `curl_slist`s, the error buffer), all kept alive until this object goes away.
///
/// Shared by ``perform(_:)`` (which runs it with `curl_easy_perform`) and ``CurlMulti`` (which adds it to a
/// multi handle). Not thread-safe: one thread at a time. A multi handle must have removed `handle` before
/// this object is released, because `deinit` calls `curl_easy_cleanup`.
final class EasyTransfer {
    /// The `CURL*` easy handle.
    let handle: UnsafeMutableRawPointer
    /// `CURLE_OK` when every option was set; otherwise the first failing code, and the transfer must not
    /// run: pass the code to ``finish(_:)`` instead.
    private(set) var setupCode = CURLE_OK
    private let transfer: Transfer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var lists = SList()

    /// Makes and configures an easy handle for `request`; throws only when libcurl cannot start at all.
    init(_ request: CurlRequest) throws(CurlError) {
        guard globalInitResult == CURLE_OK else { throw failure(globalInitResult, detail: "curl_global_init failed") }
        guard let handle = curl_easy_init() else { throw failure(CURLE_FAILED_INIT, detail: "curl_easy_init failed") }
        self.handle = handle
        transfer = Transfer(upload: request.body ?? Data())
        errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        // The callbacks get `transfer` unretained; `self` holds it until after `curl_easy_cleanup`.
        let userdata = Unmanaged.passUnretained(transfer).toOpaque()
        setupCode = configure(handle, request, userdata: userdata, errorBuffer: errorBuffer, lists: &lists)
    }

    deinit {
        curl_easy_cleanup(handle)
        lists.free()
        errorBuffer.deallocate()
    }

    /// The outcome of the finished transfer whose result (or setup failure) is `code`: any HTTP status is a
    /// response; any other code is a ``CurlError`` with libcurl's text, the error buffer and the OS errno.
    func finish(_ code: CURLcode) -> Result<CurlResponse, CurlError> {
        guard code == CURLE_OK else {
            var osErrno = 0
            _ = oncall_curl_getinfo_long(handle, CURLINFO_OS_ERRNO, &osErrno)
            return .failure(failure(code, detail: String(cString: errorBuffer), osErrno: Int32(truncatingIfNeeded: osErrno)))
        }
        var status = 0
        _ = oncall_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(CurlResponse(status: status, headers: transfer.headers, body: transfer.body))
    }
}

// MARK: - Options

/// Sets every option for `request`; returns the first failing code.
private func configure(
    _ handle: UnsafeMutableRawPointer, _ request: CurlRequest, userdata: UnsafeMutableRawPointer,
    errorBuffer: UnsafeMutablePointer<CChar>, lists: inout SList
) -> CURLcode {
    var code = CURLE_OK
    func set(_ result: CURLcode) { if code == CURLE_OK { code = result } }

    set(oncall_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
    set(oncall_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
    set(oncall_curl_setopt_string(handle, CURLOPT_URL, request.url))
    set(oncall_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(request.timeout)))
    set(oncall_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(request.connectTimeout)))
    if let path = request.unixSocketPath {
        set(oncall_curl_setopt_string(handle, CURLOPT_UNIX_SOCKET_PATH, path))
    }
    if let username = request.username { set(oncall_curl_setopt_string(handle, CURLOPT_USERNAME, username)) }
    if let password = request.password { set(oncall_curl_setopt_string(handle, CURLOPT_PASSWORD, password)) }
    if request.requireTLS { set(oncall_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))) }

    set(oncall_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { pointer, size, count, userdata in
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
        let length = size * count
        if let pointer, length > 0 { transfer.body.append(UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length) }
        return length
    })
    set(oncall_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, userdata))
    set(oncall_curl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION) { pointer, size, count, userdata in
        let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
        let length = size * count
        if let pointer, length > 0 {
            transfer.headerLine(String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self))
        }
        return length
    })
    set(oncall_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, userdata))

    var headerLines = request.headers.map { name, value in value.isEmpty ? "\(name);" : "\(name): \(value)" }
    if request.isMail {
        if let from = request.mailFrom { set(oncall_curl_setopt_string(handle, CURLOPT_MAIL_FROM, from)) }
        set(oncall_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, lists.make(request.mailRecipients)))
        set(oncall_curl_setopt_long(handle, CURLOPT_UPLOAD, 1))
        set(oncall_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.body?.count ?? 0)))
        set(oncall_curl_setopt_read_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, userdata in
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
            guard let buffer else { return 0 }
            return transfer.read(into: UnsafeMutableRawPointer(buffer), capacity: size * count)
        })
        set(oncall_curl_setopt_pointer(handle, CURLOPT_READDATA, userdata))
    } else {
        let method = request.method.uppercased()
        switch (method, request.body) {
        case ("GET", nil): set(oncall_curl_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case ("HEAD", _): set(oncall_curl_setopt_long(handle, CURLOPT_NOBODY, 1))
        default:
            if method != "POST" { set(oncall_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)) }
            if method == "POST" || request.body != nil {
                let body = request.body ?? Data()
                set(oncall_curl_setopt_long(handle, CURLOPT_POST, 1))
                set(oncall_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
                // COPYPOSTFIELDS copies POSTFIELDSIZE bytes, so the body may hold NUL bytes.
                set(body.withUnsafeBytes { bytes in
                    guard let base = bytes.baseAddress else { return oncall_curl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "") }
                    return oncall_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
                })
                // Without this, libcurl may wait a second for "100 Continue" before sending a large body.
                if !request.headers.contains(where: { $0.0.caseInsensitiveCompare("Expect") == .orderedSame }) {
                    headerLines.append("Expect:")
                }
            }
        }
    }
    if !headerLines.isEmpty { set(oncall_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, lists.make(headerLines))) }
    return code
}

/// Whole milliseconds in `duration`, clamped to what a C `long` holds.
func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    guard seconds >= 0 else { return 0 }
    let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
    return overflow ? Int.max : Int(clamping: product + attoseconds / 1_000_000_000_000_000)
}

func failure(_ code: CURLcode, detail: String, osErrno: Int32 = 0) -> CurlError {
    let raw = Int(code.rawValue)
    return CurlError(
        kind: CurlError.kind(of: raw), code: raw, message: String(cString: curl_easy_strerror(code)),
        detail: detail.trimmingCharacters(in: .whitespacesAndNewlines), osErrno: osErrno)
}

// MARK: - Transfer state

/// The state the C callbacks reach through their `userdata` pointer (an unretained `Unmanaged` reference).
private final class Transfer {
    var body = Data()
    var headers: [(String, String)] = []
    private var sawStatusLine = false
    private let upload: Data
    private var uploadOffset = 0

    init(upload: Data) { self.upload = upload }

    /// One header line as libcurl delivers it; a status line starts a new header block (after `100 Continue`).
    func headerLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            headers = []
            sawStatusLine = true
        } else if sawStatusLine, let colon = trimmed.firstIndex(of: ":") {
            let name = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
    }

    /// Copies the next part of the upload into libcurl's buffer; 0 at the end.
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        let length = min(capacity, upload.count - uploadOffset)
        guard length > 0 else { return 0 }
        upload.withUnsafeBytes { bytes in
            buffer.copyMemory(from: bytes.baseAddress! + uploadOffset, byteCount: length)
        }
        uploadOffset += length
        return length
    }
}

/// `curl_slist`s made for one transfer, freed together after it.
private struct SList {
    private var lists: [UnsafeMutablePointer<curl_slist>] = []

    mutating func make(_ strings: [String]) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for string in strings { list = curl_slist_append(list, string) }
        if let list { lists.append(list) }
        return list
    }

    mutating func free() {
        for list in lists { curl_slist_free_all(list) }
        lists = []
    }
}
