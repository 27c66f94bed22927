using System.Text.Json;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Bundles;

/// <summary>
/// The token-by-token reading of an index in the shape RunGates writes, for <see cref="ArtifactIndexReader"/>: each
/// token either fits that shape or makes <see cref="Take"/> return false, and the reader hands the file to the
/// whole-text parse. State lives here, not on the stack, because the reader is rebuilt for each piece of the file.
/// Without <c>keepFiles</c> the index comes back with no files (every entry was checked all the same): only
/// <see cref="ArtifactIndexReader.ReadPacket"/> asks for that, and it returns the packet's name alone.
/// </summary>
internal sealed class ArtifactIndexTokens(bool keepFiles = true)
{
    private static readonly FileNameJsonConverter FileName = new();

    private readonly CompactLedgerEntries _files = new();
    private State _state = State.Root;
    private Key _key;
    private Key _seen;
    private int _version;
    private string? _runId;
    private DateTimeOffset _committedAt;
    private string? _packet;
    private EntryKey _entryKey;
    private EntryKey _entrySeen;
    private string? _path;
    private string? _sha256;
    private long _size;
    private int _entries;

    private enum State
    {
        Root,
        Key,
        Value,
        Entries,
        EntryKey,
        EntryValue,
        Done,
    }

    [Flags]
    private enum Key
    {
        None = 0,
        Version = 1,
        RunId = 2,
        CommittedAt = 4,
        Files = 8,
        Packet = 16,
    }

    [Flags]
    private enum EntryKey
    {
        None = 0,
        Path = 1,
        Size = 2,
        Sha256 = 4,
    }

    /// <summary>Takes the reader's current token; false when it is not what RunGates writes there.</summary>
    public bool Take(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        switch (_state)
        {
            case State.Root when token == JsonTokenType.StartObject:
                _state = State.Key;
                return true;
            case State.Key when token == JsonTokenType.EndObject:
                _state = State.Done;
                return true;
            case State.Key when token == JsonTokenType.PropertyName:
                _key = TopKey(ref reader);
                if (_key == Key.None || (_seen & _key) != 0)
                {
                    return false;
                }

                _seen |= _key;
                _state = State.Value;
                return true;
            case State.Value:
                return TakeValue(ref reader, token);
            case State.Entries when token == JsonTokenType.EndArray:
                _state = State.Key;
                return true;
            case State.Entries when token == JsonTokenType.StartObject:
                (_entrySeen, _path, _sha256, _size) = (EntryKey.None, null, null, 0);
                _state = State.EntryKey;
                return true;
            case State.EntryKey when token == JsonTokenType.PropertyName:
                _entryKey = reader.ValueTextEquals("path"u8) ? EntryKey.Path
                    : reader.ValueTextEquals("size"u8) ? EntryKey.Size
                    : reader.ValueTextEquals("sha256"u8) ? EntryKey.Sha256
                    : EntryKey.None;
                if (_entryKey == EntryKey.None || (_entrySeen & _entryKey) != 0)
                {
                    return false;
                }

                _entrySeen |= _entryKey;
                _state = State.EntryValue;
                return true;
            case State.EntryKey when token == JsonTokenType.EndObject:
                return TakeEntry();
            case State.EntryValue:
                return TakeEntryValue(ref reader, token);
            default:
                return false;
        }
    }

    /// <summary>The index read, or null when the document ended short of one RunGates would have written.</summary>
    public ArtifactIndex? Index()
    {
        const Key required = Key.Version | Key.RunId | Key.CommittedAt | Key.Files;
        if (_state != State.Done || (_seen & required) != required || _version != ArtifactIndex.CurrentVersion)
        {
            return null;
        }

        if (_packet is not null && ArtifactIndex.PacketError(_packet) is not null)
        {
            return null;
        }

        return new ArtifactIndex(_version, _runId!, _committedAt, _files) { Packet = _packet };
    }

    private static Key TopKey(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("version"u8) ? Key.Version
        : reader.ValueTextEquals("run_id"u8) ? Key.RunId
        : reader.ValueTextEquals("committed_at"u8) ? Key.CommittedAt
        : reader.ValueTextEquals("files"u8) ? Key.Files
        : reader.ValueTextEquals("packet"u8) ? Key.Packet
        : Key.None;

    private bool TakeValue(ref Utf8JsonReader reader, JsonTokenType token)
    {
        _state = State.Key;
        switch (_key)
        {
            case Key.Version when token == JsonTokenType.Number:
                return reader.TryGetInt32(out _version);
            case Key.RunId when token == JsonTokenType.String:
                _runId = reader.GetString();
                return true;
            case Key.CommittedAt when token == JsonTokenType.String:
                return reader.TryGetDateTimeOffset(out _committedAt);
            case Key.Packet when token == JsonTokenType.Null:
                _packet = null;
                return true;
            case Key.Packet when token == JsonTokenType.String:
                _packet = reader.GetString();
                return true;
            case Key.Files when token == JsonTokenType.StartArray:
                _state = State.Entries;
                return true;
            default:
                return false;
        }
    }

    private bool TakeEntryValue(ref Utf8JsonReader reader, JsonTokenType token)
    {
        _state = State.EntryKey;
        switch (_entryKey)
        {
            case EntryKey.Path when token == JsonTokenType.String:
                // The one converter of file names, so a \udcXX escape comes back as the byte it stands for.
                _path = FileName.Read(ref reader, typeof(string), BundleJson.Options);
                return true;
            case EntryKey.Size when token == JsonTokenType.Number:
                return reader.TryGetInt64(out _size);
            case EntryKey.Sha256 when token == JsonTokenType.String:
                _sha256 = reader.GetString();
                return true;
            default:
                return false;
        }
    }

    private bool TakeEntry()
    {
        if (_entrySeen != (EntryKey.Path | EntryKey.Size | EntryKey.Sha256)
            || ArtifactIndex.FileError(new LedgerEntry(_path!, _sha256!, _size), _entries++) is not null)
        {
            return false;
        }

        // Without keepFiles every entry is still checked as above; only the list is not kept (a packet-name lookup).
        if (keepFiles)
        {
            _files.Add(_path!, _sha256!, _size);
        }

        _state = State.Entries;
        return true;
    }
}
