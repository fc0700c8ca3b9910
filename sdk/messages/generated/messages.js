/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $Array = $util.global.Array, $Boolean = $util.global.Boolean, $isFinite = $util.global.isFinite, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const reflex = $root.reflex = (() => {

    /**
     * Namespace reflex.
     * @exports reflex
     * @namespace
     */
    const reflex = {};

    reflex.Instruction = (function() {

        /**
         * Properties of an Instruction.
         * @typedef {Object} reflex.Instruction.$Properties
         * @property {string|null} [text] Instruction text
         * @property {number|null} [targetIndex] Instruction targetIndex
         * @property {number|null} [colorIndex] Instruction colorIndex
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Instruction.
         * @memberof reflex
         * @interface IInstruction
         * @augments reflex.Instruction.$Properties
         * @deprecated Use reflex.Instruction.$Properties instead.
         */

        /**
         * Shape of an Instruction.
         * @typedef {reflex.Instruction.$Properties} reflex.Instruction.$Shape
         */

        /**
         * Constructs a new Instruction.
         * @memberof reflex
         * @classdesc Represents an Instruction.
         * @constructor
         * @param {reflex.Instruction.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Instruction = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Instruction text.
         * @member {string} text
         * @memberof reflex.Instruction
         * @instance
         */
        Instruction.prototype.text = "";

        /**
         * Instruction targetIndex.
         * @member {number} targetIndex
         * @memberof reflex.Instruction
         * @instance
         */
        Instruction.prototype.targetIndex = 0;

        /**
         * Instruction colorIndex.
         * @member {number} colorIndex
         * @memberof reflex.Instruction
         * @instance
         */
        Instruction.prototype.colorIndex = 0;

        /**
         * Creates a new Instruction instance using the specified properties.
         * @function create
         * @memberof reflex.Instruction
         * @static
         * @param {reflex.Instruction.$Properties=} [properties] Properties to set
         * @returns {reflex.Instruction} Instruction instance
         * @type {{
         *   (properties: reflex.Instruction.$Shape): reflex.Instruction & reflex.Instruction.$Shape;
         *   (properties?: reflex.Instruction.$Properties): reflex.Instruction;
         * }}
         */
        Instruction.create = function(properties) {
            return new Instruction(properties);
        };

        /**
         * Encodes the specified Instruction message. Does not implicitly {@link reflex.Instruction.verify|verify} messages.
         * @function encode
         * @memberof reflex.Instruction
         * @static
         * @param {reflex.Instruction.$Properties} message Instruction message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Instruction.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.text != null && $Object.hasOwnProperty.call(message, "text") && message.text !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.text);
            if (message.targetIndex != null && $Object.hasOwnProperty.call(message, "targetIndex") && message.targetIndex !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).int32(message.targetIndex);
            if (message.colorIndex != null && $Object.hasOwnProperty.call(message, "colorIndex") && message.colorIndex !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).int32(message.colorIndex);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Instruction message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.Instruction
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.Instruction & reflex.Instruction.$Shape} Instruction
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Instruction.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.Instruction();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.text = value;
                        else
                            delete message.text;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.targetIndex = value;
                        else
                            delete message.targetIndex;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.colorIndex = value;
                        else
                            delete message.colorIndex;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates an Instruction message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.Instruction
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.Instruction} Instruction
         */
        Instruction.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.Instruction)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.Instruction: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.Instruction();
            if (object.text != null)
                if (typeof object.text !== "string" || object.text.length)
                    message.text = $String(object.text);
            if (object.targetIndex != null)
                if ($Number(object.targetIndex) !== 0)
                    message.targetIndex = object.targetIndex | 0;
            if (object.colorIndex != null)
                if ($Number(object.colorIndex) !== 0)
                    message.colorIndex = object.colorIndex | 0;
            return message;
        };

        /**
         * Creates a plain object from an Instruction message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.Instruction
         * @static
         * @param {reflex.Instruction} message Instruction
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Instruction.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.text = "";
                object.targetIndex = 0;
                object.colorIndex = 0;
            }
            if (message.text != null && $Object.hasOwnProperty.call(message, "text"))
                object.text = message.text;
            if (message.targetIndex != null && $Object.hasOwnProperty.call(message, "targetIndex"))
                object.targetIndex = message.targetIndex;
            if (message.colorIndex != null && $Object.hasOwnProperty.call(message, "colorIndex"))
                object.colorIndex = message.colorIndex;
            return object;
        };

        /**
         * Converts this Instruction to JSON.
         * @function toJSON
         * @memberof reflex.Instruction
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Instruction.prototype.toJSON = function() {
            return Instruction.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Instruction
         * @function getTypeUrl
         * @memberof reflex.Instruction
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Instruction.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.Instruction";
        };

        return Instruction;
    })();

    reflex.ActionChunk = (function() {

        /**
         * Properties of an ActionChunk.
         * @typedef {Object} reflex.ActionChunk.$Properties
         * @property {number|null} [horizon] ActionChunk horizon
         * @property {number|null} [dim] ActionChunk dim
         * @property {Array.<number>|null} [data] ActionChunk data
         * @property {number|null} [stepMs] ActionChunk stepMs
         * @property {boolean|null} [hold] ActionChunk hold
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an ActionChunk.
         * @memberof reflex
         * @interface IActionChunk
         * @augments reflex.ActionChunk.$Properties
         * @deprecated Use reflex.ActionChunk.$Properties instead.
         */

        /**
         * Shape of an ActionChunk.
         * @typedef {reflex.ActionChunk.$Properties} reflex.ActionChunk.$Shape
         */

        /**
         * Constructs a new ActionChunk.
         * @memberof reflex
         * @classdesc Represents an ActionChunk.
         * @constructor
         * @param {reflex.ActionChunk.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ActionChunk = function (properties) {
            this.data = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ActionChunk horizon.
         * @member {number} horizon
         * @memberof reflex.ActionChunk
         * @instance
         */
        ActionChunk.prototype.horizon = 0;

        /**
         * ActionChunk dim.
         * @member {number} dim
         * @memberof reflex.ActionChunk
         * @instance
         */
        ActionChunk.prototype.dim = 0;

        /**
         * ActionChunk data.
         * @member {Array.<number>} data
         * @memberof reflex.ActionChunk
         * @instance
         */
        ActionChunk.prototype.data = $util.emptyArray;

        /**
         * ActionChunk stepMs.
         * @member {number} stepMs
         * @memberof reflex.ActionChunk
         * @instance
         */
        ActionChunk.prototype.stepMs = 0;

        /**
         * ActionChunk hold.
         * @member {boolean} hold
         * @memberof reflex.ActionChunk
         * @instance
         */
        ActionChunk.prototype.hold = false;

        /**
         * Creates a new ActionChunk instance using the specified properties.
         * @function create
         * @memberof reflex.ActionChunk
         * @static
         * @param {reflex.ActionChunk.$Properties=} [properties] Properties to set
         * @returns {reflex.ActionChunk} ActionChunk instance
         * @type {{
         *   (properties: reflex.ActionChunk.$Shape): reflex.ActionChunk & reflex.ActionChunk.$Shape;
         *   (properties?: reflex.ActionChunk.$Properties): reflex.ActionChunk;
         * }}
         */
        ActionChunk.create = function(properties) {
            return new ActionChunk(properties);
        };

        /**
         * Encodes the specified ActionChunk message. Does not implicitly {@link reflex.ActionChunk.verify|verify} messages.
         * @function encode
         * @memberof reflex.ActionChunk
         * @static
         * @param {reflex.ActionChunk.$Properties} message ActionChunk message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ActionChunk.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.horizon != null && $Object.hasOwnProperty.call(message, "horizon") && message.horizon !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.horizon);
            if (message.dim != null && $Object.hasOwnProperty.call(message, "dim") && message.dim !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.dim);
            if (message.data != null && message.data.length)
                writer.uint32(/* id 3, wireType 2 =*/26).floats(message.data);
            if (message.stepMs != null && $Object.hasOwnProperty.call(message, "stepMs") && !$Object.is(message.stepMs, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.stepMs);
            if (message.hold != null && $Object.hasOwnProperty.call(message, "hold") && message.hold !== false)
                writer.uint32(/* id 5, wireType 0 =*/40).bool(message.hold);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an ActionChunk message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.ActionChunk
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.ActionChunk & reflex.ActionChunk.$Shape} ActionChunk
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ActionChunk.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.ActionChunk();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.horizon = value;
                        else
                            delete message.horizon;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.dim = value;
                        else
                            delete message.dim;
                        continue;
                    }
                case 3: {
                        if (wireType === 2) {
                            if (!(message.data && message.data.length))
                                message.data = [];
                            reader.floats(message.data);
                            continue;
                        }
                        if (wireType !== 5)
                            break;
                        if (!(message.data && message.data.length))
                            message.data = [];
                        message.data.push(reader.float());
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.stepMs = value;
                        else
                            delete message.stepMs;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.hold = value;
                        else
                            delete message.hold;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates an ActionChunk message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.ActionChunk
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.ActionChunk} ActionChunk
         */
        ActionChunk.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.ActionChunk)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.ActionChunk: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.ActionChunk();
            if (object.horizon != null)
                if ($Number(object.horizon) !== 0)
                    message.horizon = object.horizon >>> 0;
            if (object.dim != null)
                if ($Number(object.dim) !== 0)
                    message.dim = object.dim >>> 0;
            if (object.data) {
                if (!$Array.isArray(object.data))
                    throw $TypeError(".reflex.ActionChunk.data: array expected");
                message.data = $Array(object.data.length);
                for (let i = 0; i < object.data.length; ++i)
                    message.data[i] = $Number(object.data[i]);
            }
            if (object.stepMs != null)
                if (!$Object.is($Number(object.stepMs), 0))
                    message.stepMs = $Number(object.stepMs);
            if (object.hold != null)
                if (object.hold)
                    message.hold = $Boolean(object.hold);
            return message;
        };

        /**
         * Creates a plain object from an ActionChunk message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.ActionChunk
         * @static
         * @param {reflex.ActionChunk} message ActionChunk
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ActionChunk.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.data = [];
            if (options.defaults) {
                object.horizon = 0;
                object.dim = 0;
                object.stepMs = 0;
                object.hold = false;
            }
            if (message.horizon != null && $Object.hasOwnProperty.call(message, "horizon"))
                object.horizon = message.horizon;
            if (message.dim != null && $Object.hasOwnProperty.call(message, "dim"))
                object.dim = message.dim;
            if (message.data && message.data.length) {
                object.data = $Array(message.data.length);
                for (let j = 0; j < message.data.length; ++j)
                    object.data[j] = options.json && !$isFinite(message.data[j]) ? $String(message.data[j]) : message.data[j];
            }
            if (message.stepMs != null && $Object.hasOwnProperty.call(message, "stepMs"))
                object.stepMs = options.json && !$isFinite(message.stepMs) ? $String(message.stepMs) : message.stepMs;
            if (message.hold != null && $Object.hasOwnProperty.call(message, "hold"))
                object.hold = message.hold;
            return object;
        };

        /**
         * Converts this ActionChunk to JSON.
         * @function toJSON
         * @memberof reflex.ActionChunk
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ActionChunk.prototype.toJSON = function() {
            return ActionChunk.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ActionChunk
         * @function getTypeUrl
         * @memberof reflex.ActionChunk
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ActionChunk.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.ActionChunk";
        };

        return ActionChunk;
    })();

    reflex.Pose2D = (function() {

        /**
         * Properties of a Pose2D.
         * @typedef {Object} reflex.Pose2D.$Properties
         * @property {number|null} [x] Pose2D x
         * @property {number|null} [y] Pose2D y
         * @property {number|null} [theta] Pose2D theta
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Pose2D.
         * @memberof reflex
         * @interface IPose2D
         * @augments reflex.Pose2D.$Properties
         * @deprecated Use reflex.Pose2D.$Properties instead.
         */

        /**
         * Shape of a Pose2D.
         * @typedef {reflex.Pose2D.$Properties} reflex.Pose2D.$Shape
         */

        /**
         * Constructs a new Pose2D.
         * @memberof reflex
         * @classdesc Represents a Pose2D.
         * @constructor
         * @param {reflex.Pose2D.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Pose2D = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Pose2D x.
         * @member {number} x
         * @memberof reflex.Pose2D
         * @instance
         */
        Pose2D.prototype.x = 0;

        /**
         * Pose2D y.
         * @member {number} y
         * @memberof reflex.Pose2D
         * @instance
         */
        Pose2D.prototype.y = 0;

        /**
         * Pose2D theta.
         * @member {number} theta
         * @memberof reflex.Pose2D
         * @instance
         */
        Pose2D.prototype.theta = 0;

        /**
         * Creates a new Pose2D instance using the specified properties.
         * @function create
         * @memberof reflex.Pose2D
         * @static
         * @param {reflex.Pose2D.$Properties=} [properties] Properties to set
         * @returns {reflex.Pose2D} Pose2D instance
         * @type {{
         *   (properties: reflex.Pose2D.$Shape): reflex.Pose2D & reflex.Pose2D.$Shape;
         *   (properties?: reflex.Pose2D.$Properties): reflex.Pose2D;
         * }}
         */
        Pose2D.create = function(properties) {
            return new Pose2D(properties);
        };

        /**
         * Encodes the specified Pose2D message. Does not implicitly {@link reflex.Pose2D.verify|verify} messages.
         * @function encode
         * @memberof reflex.Pose2D
         * @static
         * @param {reflex.Pose2D.$Properties} message Pose2D message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Pose2D.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.x != null && $Object.hasOwnProperty.call(message, "x") && !$Object.is(message.x, 0))
                writer.uint32(/* id 1, wireType 1 =*/9).double(message.x);
            if (message.y != null && $Object.hasOwnProperty.call(message, "y") && !$Object.is(message.y, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.y);
            if (message.theta != null && $Object.hasOwnProperty.call(message, "theta") && !$Object.is(message.theta, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.theta);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Pose2D message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.Pose2D
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.Pose2D & reflex.Pose2D.$Shape} Pose2D
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Pose2D.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.Pose2D();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.x = value;
                        else
                            delete message.x;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.y = value;
                        else
                            delete message.y;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.theta = value;
                        else
                            delete message.theta;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Pose2D message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.Pose2D
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.Pose2D} Pose2D
         */
        Pose2D.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.Pose2D)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.Pose2D: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.Pose2D();
            if (object.x != null)
                if (!$Object.is($Number(object.x), 0))
                    message.x = $Number(object.x);
            if (object.y != null)
                if (!$Object.is($Number(object.y), 0))
                    message.y = $Number(object.y);
            if (object.theta != null)
                if (!$Object.is($Number(object.theta), 0))
                    message.theta = $Number(object.theta);
            return message;
        };

        /**
         * Creates a plain object from a Pose2D message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.Pose2D
         * @static
         * @param {reflex.Pose2D} message Pose2D
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Pose2D.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.x = 0;
                object.y = 0;
                object.theta = 0;
            }
            if (message.x != null && $Object.hasOwnProperty.call(message, "x"))
                object.x = options.json && !$isFinite(message.x) ? $String(message.x) : message.x;
            if (message.y != null && $Object.hasOwnProperty.call(message, "y"))
                object.y = options.json && !$isFinite(message.y) ? $String(message.y) : message.y;
            if (message.theta != null && $Object.hasOwnProperty.call(message, "theta"))
                object.theta = options.json && !$isFinite(message.theta) ? $String(message.theta) : message.theta;
            return object;
        };

        /**
         * Converts this Pose2D to JSON.
         * @function toJSON
         * @memberof reflex.Pose2D
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Pose2D.prototype.toJSON = function() {
            return Pose2D.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Pose2D
         * @function getTypeUrl
         * @memberof reflex.Pose2D
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Pose2D.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.Pose2D";
        };

        return Pose2D;
    })();

    reflex.TaskStatus = (function() {

        /**
         * Properties of a TaskStatus.
         * @typedef {Object} reflex.TaskStatus.$Properties
         * @property {number|null} [episode] TaskStatus episode
         * @property {number|null} [step] TaskStatus step
         * @property {number|null} [distance] TaskStatus distance
         * @property {boolean|null} [success] TaskStatus success
         * @property {boolean|null} [done] TaskStatus done
         * @property {reflex.Pose2D.$Properties|null} [endEffector] TaskStatus endEffector
         * @property {number|null} [targetIndex] TaskStatus targetIndex
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TaskStatus.
         * @memberof reflex
         * @interface ITaskStatus
         * @augments reflex.TaskStatus.$Properties
         * @deprecated Use reflex.TaskStatus.$Properties instead.
         */

        /**
         * Shape of a TaskStatus.
         * @typedef {reflex.TaskStatus.$Properties} reflex.TaskStatus.$Shape
         */

        /**
         * Constructs a new TaskStatus.
         * @memberof reflex
         * @classdesc Represents a TaskStatus.
         * @constructor
         * @param {reflex.TaskStatus.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TaskStatus = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * TaskStatus episode.
         * @member {number} episode
         * @memberof reflex.TaskStatus
         * @instance
         */
        TaskStatus.prototype.episode = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * TaskStatus step.
         * @member {number} step
         * @memberof reflex.TaskStatus
         * @instance
         */
        TaskStatus.prototype.step = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * TaskStatus distance.
         * @member {number} distance
         * @memberof reflex.TaskStatus
         * @instance
         */
        TaskStatus.prototype.distance = 0;

        /**
         * TaskStatus success.
         * @member {boolean} success
         * @memberof reflex.TaskStatus
         * @instance
         */
        TaskStatus.prototype.success = false;

        /**
         * TaskStatus done.
         * @member {boolean} done
         * @memberof reflex.TaskStatus
         * @instance
         */
        TaskStatus.prototype.done = false;

        /**
         * TaskStatus endEffector.
         * @member {reflex.Pose2D.$Properties|null|undefined} endEffector
         * @memberof reflex.TaskStatus
         * @instance
         */
        TaskStatus.prototype.endEffector = null;

        /**
         * TaskStatus targetIndex.
         * @member {number} targetIndex
         * @memberof reflex.TaskStatus
         * @instance
         */
        TaskStatus.prototype.targetIndex = 0;

        /**
         * Creates a new TaskStatus instance using the specified properties.
         * @function create
         * @memberof reflex.TaskStatus
         * @static
         * @param {reflex.TaskStatus.$Properties=} [properties] Properties to set
         * @returns {reflex.TaskStatus} TaskStatus instance
         * @type {{
         *   (properties: reflex.TaskStatus.$Shape): reflex.TaskStatus & reflex.TaskStatus.$Shape;
         *   (properties?: reflex.TaskStatus.$Properties): reflex.TaskStatus;
         * }}
         */
        TaskStatus.create = function(properties) {
            return new TaskStatus(properties);
        };

        /**
         * Encodes the specified TaskStatus message. Does not implicitly {@link reflex.TaskStatus.verify|verify} messages.
         * @function encode
         * @memberof reflex.TaskStatus
         * @static
         * @param {reflex.TaskStatus.$Properties} message TaskStatus message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TaskStatus.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.episode != null && $Object.hasOwnProperty.call(message, "episode") && (typeof message.episode === "object" ? message.episode.low || message.episode.high : message.episode !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.episode);
            if (message.step != null && $Object.hasOwnProperty.call(message, "step") && (typeof message.step === "object" ? message.step.low || message.step.high : message.step !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.step);
            if (message.distance != null && $Object.hasOwnProperty.call(message, "distance") && !$Object.is(message.distance, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.distance);
            if (message.success != null && $Object.hasOwnProperty.call(message, "success") && message.success !== false)
                writer.uint32(/* id 4, wireType 0 =*/32).bool(message.success);
            if (message.done != null && $Object.hasOwnProperty.call(message, "done") && message.done !== false)
                writer.uint32(/* id 5, wireType 0 =*/40).bool(message.done);
            if (message.endEffector != null && $Object.hasOwnProperty.call(message, "endEffector"))
                $root.reflex.Pose2D.encode(message.endEffector, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
            if (message.targetIndex != null && $Object.hasOwnProperty.call(message, "targetIndex") && message.targetIndex !== 0)
                writer.uint32(/* id 7, wireType 0 =*/56).int32(message.targetIndex);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a TaskStatus message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.TaskStatus
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.TaskStatus & reflex.TaskStatus.$Shape} TaskStatus
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TaskStatus.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.TaskStatus();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.episode = value;
                        else
                            delete message.episode;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.step = value;
                        else
                            delete message.step;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.distance = value;
                        else
                            delete message.distance;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.success = value;
                        else
                            delete message.success;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.done = value;
                        else
                            delete message.done;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        message.endEffector = $root.reflex.Pose2D.decode(reader, reader.size(), $undefined, _depth + 1, message.endEffector);
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.targetIndex = value;
                        else
                            delete message.targetIndex;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a TaskStatus message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.TaskStatus
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.TaskStatus} TaskStatus
         */
        TaskStatus.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.TaskStatus)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.TaskStatus: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.TaskStatus();
            if (object.episode != null)
                if (typeof object.episode === "object" ? object.episode.low || object.episode.high : $Number(object.episode) !== 0)
                    if ($util.Long)
                        message.episode = $util.Long.fromValue(object.episode, true);
                    else if (typeof object.episode === "string")
                        message.episode = $parseInt(object.episode, 10);
                    else if (typeof object.episode === "number")
                        message.episode = object.episode;
                    else if (typeof object.episode === "object")
                        message.episode = new $util.LongBits(object.episode.low >>> 0, object.episode.high >>> 0).toNumber(true);
            if (object.step != null)
                if (typeof object.step === "object" ? object.step.low || object.step.high : $Number(object.step) !== 0)
                    if ($util.Long)
                        message.step = $util.Long.fromValue(object.step, true);
                    else if (typeof object.step === "string")
                        message.step = $parseInt(object.step, 10);
                    else if (typeof object.step === "number")
                        message.step = object.step;
                    else if (typeof object.step === "object")
                        message.step = new $util.LongBits(object.step.low >>> 0, object.step.high >>> 0).toNumber(true);
            if (object.distance != null)
                if (!$Object.is($Number(object.distance), 0))
                    message.distance = $Number(object.distance);
            if (object.success != null)
                if (object.success)
                    message.success = $Boolean(object.success);
            if (object.done != null)
                if (object.done)
                    message.done = $Boolean(object.done);
            if (object.endEffector != null) {
                if (!$util.isObject(object.endEffector))
                    throw $TypeError(".reflex.TaskStatus.endEffector: object expected");
                message.endEffector = $root.reflex.Pose2D.fromObject(object.endEffector, _depth + 1);
            }
            if (object.targetIndex != null)
                if ($Number(object.targetIndex) !== 0)
                    message.targetIndex = object.targetIndex | 0;
            return message;
        };

        /**
         * Creates a plain object from a TaskStatus message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.TaskStatus
         * @static
         * @param {reflex.TaskStatus} message TaskStatus
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        TaskStatus.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.episode = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.episode = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.step = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.step = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.distance = 0;
                object.success = false;
                object.done = false;
                object.endEffector = null;
                object.targetIndex = 0;
            }
            if (message.episode != null && $Object.hasOwnProperty.call(message, "episode"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.episode = typeof message.episode === "number" ? $BigInt(message.episode) : $util.Long.fromBits(message.episode.low >>> 0, message.episode.high >>> 0, true).toBigInt();
                else if (typeof message.episode === "number")
                    object.episode = options.longs === $String ? $String(message.episode) : message.episode;
                else
                    object.episode = options.longs === $String ? $util.Long.prototype.toString.call(message.episode) : options.longs === $Number ? new $util.LongBits(message.episode.low >>> 0, message.episode.high >>> 0).toNumber(true) : message.episode;
            if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.step = typeof message.step === "number" ? $BigInt(message.step) : $util.Long.fromBits(message.step.low >>> 0, message.step.high >>> 0, true).toBigInt();
                else if (typeof message.step === "number")
                    object.step = options.longs === $String ? $String(message.step) : message.step;
                else
                    object.step = options.longs === $String ? $util.Long.prototype.toString.call(message.step) : options.longs === $Number ? new $util.LongBits(message.step.low >>> 0, message.step.high >>> 0).toNumber(true) : message.step;
            if (message.distance != null && $Object.hasOwnProperty.call(message, "distance"))
                object.distance = options.json && !$isFinite(message.distance) ? $String(message.distance) : message.distance;
            if (message.success != null && $Object.hasOwnProperty.call(message, "success"))
                object.success = message.success;
            if (message.done != null && $Object.hasOwnProperty.call(message, "done"))
                object.done = message.done;
            if (message.endEffector != null && $Object.hasOwnProperty.call(message, "endEffector"))
                object.endEffector = $root.reflex.Pose2D.toObject(message.endEffector, options, _depth + 1);
            if (message.targetIndex != null && $Object.hasOwnProperty.call(message, "targetIndex"))
                object.targetIndex = message.targetIndex;
            return object;
        };

        /**
         * Converts this TaskStatus to JSON.
         * @function toJSON
         * @memberof reflex.TaskStatus
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        TaskStatus.prototype.toJSON = function() {
            return TaskStatus.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for TaskStatus
         * @function getTypeUrl
         * @memberof reflex.TaskStatus
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        TaskStatus.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.TaskStatus";
        };

        return TaskStatus;
    })();

    reflex.Tensor = (function() {

        /**
         * Properties of a Tensor.
         * @typedef {Object} reflex.Tensor.$Properties
         * @property {string|null} [name] Tensor name
         * @property {string|null} [dtype] Tensor dtype
         * @property {Array.<number>|null} [shape] Tensor shape
         * @property {Uint8Array|null} [data] Tensor data
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Tensor.
         * @memberof reflex
         * @interface ITensor
         * @augments reflex.Tensor.$Properties
         * @deprecated Use reflex.Tensor.$Properties instead.
         */

        /**
         * Shape of a Tensor.
         * @typedef {reflex.Tensor.$Properties} reflex.Tensor.$Shape
         */

        /**
         * Constructs a new Tensor.
         * @memberof reflex
         * @classdesc Represents a Tensor.
         * @constructor
         * @param {reflex.Tensor.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Tensor = function (properties) {
            this.shape = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Tensor name.
         * @member {string} name
         * @memberof reflex.Tensor
         * @instance
         */
        Tensor.prototype.name = "";

        /**
         * Tensor dtype.
         * @member {string} dtype
         * @memberof reflex.Tensor
         * @instance
         */
        Tensor.prototype.dtype = "";

        /**
         * Tensor shape.
         * @member {Array.<number>} shape
         * @memberof reflex.Tensor
         * @instance
         */
        Tensor.prototype.shape = $util.emptyArray;

        /**
         * Tensor data.
         * @member {Uint8Array} data
         * @memberof reflex.Tensor
         * @instance
         */
        Tensor.prototype.data = $util.newBuffer([]);

        /**
         * Creates a new Tensor instance using the specified properties.
         * @function create
         * @memberof reflex.Tensor
         * @static
         * @param {reflex.Tensor.$Properties=} [properties] Properties to set
         * @returns {reflex.Tensor} Tensor instance
         * @type {{
         *   (properties: reflex.Tensor.$Shape): reflex.Tensor & reflex.Tensor.$Shape;
         *   (properties?: reflex.Tensor.$Properties): reflex.Tensor;
         * }}
         */
        Tensor.create = function(properties) {
            return new Tensor(properties);
        };

        /**
         * Encodes the specified Tensor message. Does not implicitly {@link reflex.Tensor.verify|verify} messages.
         * @function encode
         * @memberof reflex.Tensor
         * @static
         * @param {reflex.Tensor.$Properties} message Tensor message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Tensor.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
            if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype") && message.dtype !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.dtype);
            if (message.shape != null && message.shape.length)
                writer.uint32(/* id 3, wireType 2 =*/26).int64s(message.shape);
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.data);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Tensor message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.Tensor
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.Tensor & reflex.Tensor.$Shape} Tensor
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Tensor.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.Tensor();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.name = value;
                        else
                            delete message.name;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.dtype = value;
                        else
                            delete message.dtype;
                        continue;
                    }
                case 3: {
                        if (wireType === 2) {
                            if (!(message.shape && message.shape.length))
                                message.shape = [];
                            reader.int64s(message.shape);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.shape && message.shape.length))
                            message.shape = [];
                        message.shape.push(reader.int64());
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Tensor message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.Tensor
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.Tensor} Tensor
         */
        Tensor.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.Tensor)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.Tensor: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.Tensor();
            if (object.name != null)
                if (typeof object.name !== "string" || object.name.length)
                    message.name = $String(object.name);
            if (object.dtype != null)
                if (typeof object.dtype !== "string" || object.dtype.length)
                    message.dtype = $String(object.dtype);
            if (object.shape) {
                if (!$Array.isArray(object.shape))
                    throw $TypeError(".reflex.Tensor.shape: array expected");
                message.shape = $Array(object.shape.length);
                for (let i = 0; i < object.shape.length; ++i)
                    if ($util.Long)
                        message.shape[i] = $util.Long.fromValue(object.shape[i], false);
                    else if (typeof object.shape[i] === "string")
                        message.shape[i] = $parseInt(object.shape[i], 10);
                    else if (typeof object.shape[i] === "number")
                        message.shape[i] = object.shape[i];
                    else if (typeof object.shape[i] === "object")
                        message.shape[i] = new $util.LongBits(object.shape[i].low >>> 0, object.shape[i].high >>> 0).toNumber();
            }
            if (object.data != null)
                if (object.data.length)
                    if (typeof object.data === "string")
                        $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                    else if (object.data.length >= 0)
                        message.data = object.data;
            return message;
        };

        /**
         * Creates a plain object from a Tensor message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.Tensor
         * @static
         * @param {reflex.Tensor} message Tensor
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Tensor.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults)
                object.shape = [];
            if (options.defaults) {
                object.name = "";
                object.dtype = "";
                if (options.bytes === $String)
                    object.data = "";
                else {
                    object.data = [];
                    if (options.bytes !== $Array)
                        object.data = $util.newBuffer(object.data);
                }
            }
            if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                object.name = message.name;
            if (message.dtype != null && $Object.hasOwnProperty.call(message, "dtype"))
                object.dtype = message.dtype;
            if (message.shape && message.shape.length) {
                object.shape = $Array(message.shape.length);
                for (let j = 0; j < message.shape.length; ++j)
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.shape[j] = typeof message.shape[j] === "number" ? $BigInt(message.shape[j]) : $util.Long.fromBits(message.shape[j].low >>> 0, message.shape[j].high >>> 0, false).toBigInt();
                    else if (typeof message.shape[j] === "number")
                        object.shape[j] = options.longs === $String ? $String(message.shape[j]) : message.shape[j];
                    else
                        object.shape[j] = options.longs === $String ? $util.Long.prototype.toString.call(message.shape[j]) : options.longs === $Number ? new $util.LongBits(message.shape[j].low >>> 0, message.shape[j].high >>> 0).toNumber() : message.shape[j];
            }
            if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
            return object;
        };

        /**
         * Converts this Tensor to JSON.
         * @function toJSON
         * @memberof reflex.Tensor
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Tensor.prototype.toJSON = function() {
            return Tensor.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Tensor
         * @function getTypeUrl
         * @memberof reflex.Tensor
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Tensor.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.Tensor";
        };

        return Tensor;
    })();

    reflex.PolicyConfig = (function() {

        /**
         * Properties of a PolicyConfig.
         * @typedef {Object} reflex.PolicyConfig.$Properties
         * @property {number|null} [steps] PolicyConfig steps
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a PolicyConfig.
         * @memberof reflex
         * @interface IPolicyConfig
         * @augments reflex.PolicyConfig.$Properties
         * @deprecated Use reflex.PolicyConfig.$Properties instead.
         */

        /**
         * Shape of a PolicyConfig.
         * @typedef {reflex.PolicyConfig.$Properties} reflex.PolicyConfig.$Shape
         */

        /**
         * Constructs a new PolicyConfig.
         * @memberof reflex
         * @classdesc Represents a PolicyConfig.
         * @constructor
         * @param {reflex.PolicyConfig.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const PolicyConfig = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * PolicyConfig steps.
         * @member {number|null|undefined} steps
         * @memberof reflex.PolicyConfig
         * @instance
         */
        PolicyConfig.prototype.steps = null;

        // OneOf field names bound to virtual getters and setters
        let $oneOfFields;

        // Virtual OneOf for proto3 optional field
        $Object.defineProperty(PolicyConfig.prototype, "_steps", {
            get: $util.oneOfGetter($oneOfFields = ["steps"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Creates a new PolicyConfig instance using the specified properties.
         * @function create
         * @memberof reflex.PolicyConfig
         * @static
         * @param {reflex.PolicyConfig.$Properties=} [properties] Properties to set
         * @returns {reflex.PolicyConfig} PolicyConfig instance
         * @type {{
         *   (properties: reflex.PolicyConfig.$Shape): reflex.PolicyConfig & reflex.PolicyConfig.$Shape;
         *   (properties?: reflex.PolicyConfig.$Properties): reflex.PolicyConfig;
         * }}
         */
        PolicyConfig.create = function(properties) {
            return new PolicyConfig(properties);
        };

        /**
         * Encodes the specified PolicyConfig message. Does not implicitly {@link reflex.PolicyConfig.verify|verify} messages.
         * @function encode
         * @memberof reflex.PolicyConfig
         * @static
         * @param {reflex.PolicyConfig.$Properties} message PolicyConfig message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        PolicyConfig.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.steps != null && $Object.hasOwnProperty.call(message, "steps"))
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.steps);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a PolicyConfig message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.PolicyConfig
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.PolicyConfig & reflex.PolicyConfig.$Shape} PolicyConfig
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        PolicyConfig.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.PolicyConfig();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        message.steps = reader.uint32();
                        message._steps = "steps";
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a PolicyConfig message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.PolicyConfig
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.PolicyConfig} PolicyConfig
         */
        PolicyConfig.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.PolicyConfig)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.PolicyConfig: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.PolicyConfig();
            if (object.steps != null)
                message.steps = object.steps >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a PolicyConfig message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.PolicyConfig
         * @static
         * @param {reflex.PolicyConfig} message PolicyConfig
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        PolicyConfig.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (message.steps != null && $Object.hasOwnProperty.call(message, "steps"))
                object.steps = message.steps;
            return object;
        };

        /**
         * Converts this PolicyConfig to JSON.
         * @function toJSON
         * @memberof reflex.PolicyConfig
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        PolicyConfig.prototype.toJSON = function() {
            return PolicyConfig.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for PolicyConfig
         * @function getTypeUrl
         * @memberof reflex.PolicyConfig
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        PolicyConfig.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.PolicyConfig";
        };

        return PolicyConfig;
    })();

    reflex.Span = (function() {

        /**
         * Properties of a Span.
         * @typedef {Object} reflex.Span.$Properties
         * @property {string|null} [node] Span node
         * @property {number|null} [inNs] Span inNs
         * @property {number|null} [outNs] Span outNs
         * @property {string|null} [process] Span process
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Span.
         * @memberof reflex
         * @interface ISpan
         * @augments reflex.Span.$Properties
         * @deprecated Use reflex.Span.$Properties instead.
         */

        /**
         * Shape of a Span.
         * @typedef {reflex.Span.$Properties} reflex.Span.$Shape
         */

        /**
         * Constructs a new Span.
         * @memberof reflex
         * @classdesc Represents a Span.
         * @constructor
         * @param {reflex.Span.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Span = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Span node.
         * @member {string} node
         * @memberof reflex.Span
         * @instance
         */
        Span.prototype.node = "";

        /**
         * Span inNs.
         * @member {number} inNs
         * @memberof reflex.Span
         * @instance
         */
        Span.prototype.inNs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Span outNs.
         * @member {number} outNs
         * @memberof reflex.Span
         * @instance
         */
        Span.prototype.outNs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Span process.
         * @member {string} process
         * @memberof reflex.Span
         * @instance
         */
        Span.prototype.process = "";

        /**
         * Creates a new Span instance using the specified properties.
         * @function create
         * @memberof reflex.Span
         * @static
         * @param {reflex.Span.$Properties=} [properties] Properties to set
         * @returns {reflex.Span} Span instance
         * @type {{
         *   (properties: reflex.Span.$Shape): reflex.Span & reflex.Span.$Shape;
         *   (properties?: reflex.Span.$Properties): reflex.Span;
         * }}
         */
        Span.create = function(properties) {
            return new Span(properties);
        };

        /**
         * Encodes the specified Span message. Does not implicitly {@link reflex.Span.verify|verify} messages.
         * @function encode
         * @memberof reflex.Span
         * @static
         * @param {reflex.Span.$Properties} message Span message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Span.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.node != null && $Object.hasOwnProperty.call(message, "node") && message.node !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.node);
            if (message.inNs != null && $Object.hasOwnProperty.call(message, "inNs") && (typeof message.inNs === "object" ? message.inNs.low || message.inNs.high : message.inNs !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.inNs);
            if (message.outNs != null && $Object.hasOwnProperty.call(message, "outNs") && (typeof message.outNs === "object" ? message.outNs.low || message.outNs.high : message.outNs !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.outNs);
            if (message.process != null && $Object.hasOwnProperty.call(message, "process") && message.process !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.process);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Span message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.Span
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.Span & reflex.Span.$Shape} Span
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Span.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.Span();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.node = value;
                        else
                            delete message.node;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.inNs = value;
                        else
                            delete message.inNs;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.outNs = value;
                        else
                            delete message.outNs;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.process = value;
                        else
                            delete message.process;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Span message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.Span
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.Span} Span
         */
        Span.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.Span)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.Span: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.Span();
            if (object.node != null)
                if (typeof object.node !== "string" || object.node.length)
                    message.node = $String(object.node);
            if (object.inNs != null)
                if (typeof object.inNs === "object" ? object.inNs.low || object.inNs.high : $Number(object.inNs) !== 0)
                    if ($util.Long)
                        message.inNs = $util.Long.fromValue(object.inNs, true);
                    else if (typeof object.inNs === "string")
                        message.inNs = $parseInt(object.inNs, 10);
                    else if (typeof object.inNs === "number")
                        message.inNs = object.inNs;
                    else if (typeof object.inNs === "object")
                        message.inNs = new $util.LongBits(object.inNs.low >>> 0, object.inNs.high >>> 0).toNumber(true);
            if (object.outNs != null)
                if (typeof object.outNs === "object" ? object.outNs.low || object.outNs.high : $Number(object.outNs) !== 0)
                    if ($util.Long)
                        message.outNs = $util.Long.fromValue(object.outNs, true);
                    else if (typeof object.outNs === "string")
                        message.outNs = $parseInt(object.outNs, 10);
                    else if (typeof object.outNs === "number")
                        message.outNs = object.outNs;
                    else if (typeof object.outNs === "object")
                        message.outNs = new $util.LongBits(object.outNs.low >>> 0, object.outNs.high >>> 0).toNumber(true);
            if (object.process != null)
                if (typeof object.process !== "string" || object.process.length)
                    message.process = $String(object.process);
            return message;
        };

        /**
         * Creates a plain object from a Span message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.Span
         * @static
         * @param {reflex.Span} message Span
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Span.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.node = "";
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.inNs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.inNs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.outNs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.outNs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.process = "";
            }
            if (message.node != null && $Object.hasOwnProperty.call(message, "node"))
                object.node = message.node;
            if (message.inNs != null && $Object.hasOwnProperty.call(message, "inNs"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.inNs = typeof message.inNs === "number" ? $BigInt(message.inNs) : $util.Long.fromBits(message.inNs.low >>> 0, message.inNs.high >>> 0, true).toBigInt();
                else if (typeof message.inNs === "number")
                    object.inNs = options.longs === $String ? $String(message.inNs) : message.inNs;
                else
                    object.inNs = options.longs === $String ? $util.Long.prototype.toString.call(message.inNs) : options.longs === $Number ? new $util.LongBits(message.inNs.low >>> 0, message.inNs.high >>> 0).toNumber(true) : message.inNs;
            if (message.outNs != null && $Object.hasOwnProperty.call(message, "outNs"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.outNs = typeof message.outNs === "number" ? $BigInt(message.outNs) : $util.Long.fromBits(message.outNs.low >>> 0, message.outNs.high >>> 0, true).toBigInt();
                else if (typeof message.outNs === "number")
                    object.outNs = options.longs === $String ? $String(message.outNs) : message.outNs;
                else
                    object.outNs = options.longs === $String ? $util.Long.prototype.toString.call(message.outNs) : options.longs === $Number ? new $util.LongBits(message.outNs.low >>> 0, message.outNs.high >>> 0).toNumber(true) : message.outNs;
            if (message.process != null && $Object.hasOwnProperty.call(message, "process"))
                object.process = message.process;
            return object;
        };

        /**
         * Converts this Span to JSON.
         * @function toJSON
         * @memberof reflex.Span
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Span.prototype.toJSON = function() {
            return Span.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Span
         * @function getTypeUrl
         * @memberof reflex.Span
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Span.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.Span";
        };

        return Span;
    })();

    reflex.BulkField = (function() {

        /**
         * Properties of a BulkField.
         * @typedef {Object} reflex.BulkField.$Properties
         * @property {string|null} [field] BulkField field
         * @property {number|null} [length] BulkField length
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a BulkField.
         * @memberof reflex
         * @interface IBulkField
         * @augments reflex.BulkField.$Properties
         * @deprecated Use reflex.BulkField.$Properties instead.
         */

        /**
         * Shape of a BulkField.
         * @typedef {reflex.BulkField.$Properties} reflex.BulkField.$Shape
         */

        /**
         * Constructs a new BulkField.
         * @memberof reflex
         * @classdesc Represents a BulkField.
         * @constructor
         * @param {reflex.BulkField.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const BulkField = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * BulkField field.
         * @member {string} field
         * @memberof reflex.BulkField
         * @instance
         */
        BulkField.prototype.field = "";

        /**
         * BulkField length.
         * @member {number} length
         * @memberof reflex.BulkField
         * @instance
         */
        BulkField.prototype.length = 0;

        /**
         * Creates a new BulkField instance using the specified properties.
         * @function create
         * @memberof reflex.BulkField
         * @static
         * @param {reflex.BulkField.$Properties=} [properties] Properties to set
         * @returns {reflex.BulkField} BulkField instance
         * @type {{
         *   (properties: reflex.BulkField.$Shape): reflex.BulkField & reflex.BulkField.$Shape;
         *   (properties?: reflex.BulkField.$Properties): reflex.BulkField;
         * }}
         */
        BulkField.create = function(properties) {
            return new BulkField(properties);
        };

        /**
         * Encodes the specified BulkField message. Does not implicitly {@link reflex.BulkField.verify|verify} messages.
         * @function encode
         * @memberof reflex.BulkField
         * @static
         * @param {reflex.BulkField.$Properties} message BulkField message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        BulkField.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.field != null && $Object.hasOwnProperty.call(message, "field") && message.field !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.field);
            if (message.length != null && $Object.hasOwnProperty.call(message, "length") && message.length !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.length);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a BulkField message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.BulkField
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.BulkField & reflex.BulkField.$Shape} BulkField
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        BulkField.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.BulkField();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.field = value;
                        else
                            delete message.field;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.length = value;
                        else
                            delete message.length;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a BulkField message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.BulkField
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.BulkField} BulkField
         */
        BulkField.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.BulkField)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.BulkField: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.BulkField();
            if (object.field != null)
                if (typeof object.field !== "string" || object.field.length)
                    message.field = $String(object.field);
            if (object.length != null)
                if ($Number(object.length) !== 0)
                    message.length = object.length >>> 0;
            return message;
        };

        /**
         * Creates a plain object from a BulkField message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.BulkField
         * @static
         * @param {reflex.BulkField} message BulkField
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        BulkField.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.field = "";
                object.length = 0;
            }
            if (message.field != null && $Object.hasOwnProperty.call(message, "field"))
                object.field = message.field;
            if (message.length != null && $Object.hasOwnProperty.call(message, "length"))
                object.length = message.length;
            return object;
        };

        /**
         * Converts this BulkField to JSON.
         * @function toJSON
         * @memberof reflex.BulkField
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        BulkField.prototype.toJSON = function() {
            return BulkField.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for BulkField
         * @function getTypeUrl
         * @memberof reflex.BulkField
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        BulkField.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.BulkField";
        };

        return BulkField;
    })();

    reflex.Envelope = (function() {

        /**
         * Properties of an Envelope.
         * @typedef {Object} reflex.Envelope.$Properties
         * @property {string|null} [topic] Envelope topic
         * @property {number|null} [seq] Envelope seq
         * @property {number|null} [captureNs] Envelope captureNs
         * @property {string|null} [messageType] Envelope messageType
         * @property {Array.<reflex.Span.$Properties>|null} [spans] Envelope spans
         * @property {Array.<reflex.BulkField.$Properties>|null} [bulk] Envelope bulk
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Envelope.
         * @memberof reflex
         * @interface IEnvelope
         * @augments reflex.Envelope.$Properties
         * @deprecated Use reflex.Envelope.$Properties instead.
         */

        /**
         * Shape of an Envelope.
         * @typedef {reflex.Envelope.$Properties} reflex.Envelope.$Shape
         */

        /**
         * Constructs a new Envelope.
         * @memberof reflex
         * @classdesc Represents an Envelope.
         * @constructor
         * @param {reflex.Envelope.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Envelope = function (properties) {
            this.spans = [];
            this.bulk = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Envelope topic.
         * @member {string} topic
         * @memberof reflex.Envelope
         * @instance
         */
        Envelope.prototype.topic = "";

        /**
         * Envelope seq.
         * @member {number} seq
         * @memberof reflex.Envelope
         * @instance
         */
        Envelope.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Envelope captureNs.
         * @member {number} captureNs
         * @memberof reflex.Envelope
         * @instance
         */
        Envelope.prototype.captureNs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Envelope messageType.
         * @member {string} messageType
         * @memberof reflex.Envelope
         * @instance
         */
        Envelope.prototype.messageType = "";

        /**
         * Envelope spans.
         * @member {Array.<reflex.Span.$Properties>} spans
         * @memberof reflex.Envelope
         * @instance
         */
        Envelope.prototype.spans = $util.emptyArray;

        /**
         * Envelope bulk.
         * @member {Array.<reflex.BulkField.$Properties>} bulk
         * @memberof reflex.Envelope
         * @instance
         */
        Envelope.prototype.bulk = $util.emptyArray;

        /**
         * Creates a new Envelope instance using the specified properties.
         * @function create
         * @memberof reflex.Envelope
         * @static
         * @param {reflex.Envelope.$Properties=} [properties] Properties to set
         * @returns {reflex.Envelope} Envelope instance
         * @type {{
         *   (properties: reflex.Envelope.$Shape): reflex.Envelope & reflex.Envelope.$Shape;
         *   (properties?: reflex.Envelope.$Properties): reflex.Envelope;
         * }}
         */
        Envelope.create = function(properties) {
            return new Envelope(properties);
        };

        /**
         * Encodes the specified Envelope message. Does not implicitly {@link reflex.Envelope.verify|verify} messages.
         * @function encode
         * @memberof reflex.Envelope
         * @static
         * @param {reflex.Envelope.$Properties} message Envelope message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Envelope.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.topic != null && $Object.hasOwnProperty.call(message, "topic") && message.topic !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.topic);
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.seq);
            if (message.captureNs != null && $Object.hasOwnProperty.call(message, "captureNs") && (typeof message.captureNs === "object" ? message.captureNs.low || message.captureNs.high : message.captureNs !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.captureNs);
            if (message.messageType != null && $Object.hasOwnProperty.call(message, "messageType") && message.messageType !== "")
                writer.uint32(/* id 4, wireType 2 =*/34).string(message.messageType);
            if (message.spans != null && message.spans.length)
                for (let i = 0; i < message.spans.length; ++i)
                    $root.reflex.Span.encode(message.spans[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
            if (message.bulk != null && message.bulk.length)
                for (let i = 0; i < message.bulk.length; ++i)
                    $root.reflex.BulkField.encode(message.bulk[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Envelope message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.Envelope
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.Envelope & reflex.Envelope.$Shape} Envelope
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Envelope.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.Envelope();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.topic = value;
                        else
                            delete message.topic;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.seq = value;
                        else
                            delete message.seq;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.captureNs = value;
                        else
                            delete message.captureNs;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.messageType = value;
                        else
                            delete message.messageType;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if (!(message.spans && message.spans.length))
                            message.spans = [];
                        message.spans.push($root.reflex.Span.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if (!(message.bulk && message.bulk.length))
                            message.bulk = [];
                        message.bulk.push($root.reflex.BulkField.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates an Envelope message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.Envelope
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.Envelope} Envelope
         */
        Envelope.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.Envelope)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.Envelope: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.Envelope();
            if (object.topic != null)
                if (typeof object.topic !== "string" || object.topic.length)
                    message.topic = $String(object.topic);
            if (object.seq != null)
                if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                    if ($util.Long)
                        message.seq = $util.Long.fromValue(object.seq, true);
                    else if (typeof object.seq === "string")
                        message.seq = $parseInt(object.seq, 10);
                    else if (typeof object.seq === "number")
                        message.seq = object.seq;
                    else if (typeof object.seq === "object")
                        message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
            if (object.captureNs != null)
                if (typeof object.captureNs === "object" ? object.captureNs.low || object.captureNs.high : $Number(object.captureNs) !== 0)
                    if ($util.Long)
                        message.captureNs = $util.Long.fromValue(object.captureNs, true);
                    else if (typeof object.captureNs === "string")
                        message.captureNs = $parseInt(object.captureNs, 10);
                    else if (typeof object.captureNs === "number")
                        message.captureNs = object.captureNs;
                    else if (typeof object.captureNs === "object")
                        message.captureNs = new $util.LongBits(object.captureNs.low >>> 0, object.captureNs.high >>> 0).toNumber(true);
            if (object.messageType != null)
                if (typeof object.messageType !== "string" || object.messageType.length)
                    message.messageType = $String(object.messageType);
            if (object.spans) {
                if (!$Array.isArray(object.spans))
                    throw $TypeError(".reflex.Envelope.spans: array expected");
                message.spans = $Array(object.spans.length);
                for (let i = 0; i < object.spans.length; ++i) {
                    if (!$util.isObject(object.spans[i]))
                        throw $TypeError(".reflex.Envelope.spans: object expected");
                    message.spans[i] = $root.reflex.Span.fromObject(object.spans[i], _depth + 1);
                }
            }
            if (object.bulk) {
                if (!$Array.isArray(object.bulk))
                    throw $TypeError(".reflex.Envelope.bulk: array expected");
                message.bulk = $Array(object.bulk.length);
                for (let i = 0; i < object.bulk.length; ++i) {
                    if (!$util.isObject(object.bulk[i]))
                        throw $TypeError(".reflex.Envelope.bulk: object expected");
                    message.bulk[i] = $root.reflex.BulkField.fromObject(object.bulk[i], _depth + 1);
                }
            }
            return message;
        };

        /**
         * Creates a plain object from an Envelope message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.Envelope
         * @static
         * @param {reflex.Envelope} message Envelope
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Envelope.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.spans = [];
                object.bulk = [];
            }
            if (options.defaults) {
                object.topic = "";
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.captureNs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.captureNs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.messageType = "";
            }
            if (message.topic != null && $Object.hasOwnProperty.call(message, "topic"))
                object.topic = message.topic;
            if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                else if (typeof message.seq === "number")
                    object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                else
                    object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
            if (message.captureNs != null && $Object.hasOwnProperty.call(message, "captureNs"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.captureNs = typeof message.captureNs === "number" ? $BigInt(message.captureNs) : $util.Long.fromBits(message.captureNs.low >>> 0, message.captureNs.high >>> 0, true).toBigInt();
                else if (typeof message.captureNs === "number")
                    object.captureNs = options.longs === $String ? $String(message.captureNs) : message.captureNs;
                else
                    object.captureNs = options.longs === $String ? $util.Long.prototype.toString.call(message.captureNs) : options.longs === $Number ? new $util.LongBits(message.captureNs.low >>> 0, message.captureNs.high >>> 0).toNumber(true) : message.captureNs;
            if (message.messageType != null && $Object.hasOwnProperty.call(message, "messageType"))
                object.messageType = message.messageType;
            if (message.spans && message.spans.length) {
                object.spans = $Array(message.spans.length);
                for (let j = 0; j < message.spans.length; ++j)
                    object.spans[j] = $root.reflex.Span.toObject(message.spans[j], options, _depth + 1);
            }
            if (message.bulk && message.bulk.length) {
                object.bulk = $Array(message.bulk.length);
                for (let j = 0; j < message.bulk.length; ++j)
                    object.bulk[j] = $root.reflex.BulkField.toObject(message.bulk[j], options, _depth + 1);
            }
            return object;
        };

        /**
         * Converts this Envelope to JSON.
         * @function toJSON
         * @memberof reflex.Envelope
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Envelope.prototype.toJSON = function() {
            return Envelope.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Envelope
         * @function getTypeUrl
         * @memberof reflex.Envelope
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Envelope.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.Envelope";
        };

        return Envelope;
    })();

    reflex.DeadlineMiss = (function() {

        /**
         * Properties of a DeadlineMiss.
         * @typedef {Object} reflex.DeadlineMiss.$Properties
         * @property {string|null} [node] DeadlineMiss node
         * @property {string|null} [port] DeadlineMiss port
         * @property {number|null} [ageMs] DeadlineMiss ageMs
         * @property {number|null} [deadlineMs] DeadlineMiss deadlineMs
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a DeadlineMiss.
         * @memberof reflex
         * @interface IDeadlineMiss
         * @augments reflex.DeadlineMiss.$Properties
         * @deprecated Use reflex.DeadlineMiss.$Properties instead.
         */

        /**
         * Shape of a DeadlineMiss.
         * @typedef {reflex.DeadlineMiss.$Properties} reflex.DeadlineMiss.$Shape
         */

        /**
         * Constructs a new DeadlineMiss.
         * @memberof reflex
         * @classdesc Represents a DeadlineMiss.
         * @constructor
         * @param {reflex.DeadlineMiss.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const DeadlineMiss = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * DeadlineMiss node.
         * @member {string} node
         * @memberof reflex.DeadlineMiss
         * @instance
         */
        DeadlineMiss.prototype.node = "";

        /**
         * DeadlineMiss port.
         * @member {string} port
         * @memberof reflex.DeadlineMiss
         * @instance
         */
        DeadlineMiss.prototype.port = "";

        /**
         * DeadlineMiss ageMs.
         * @member {number} ageMs
         * @memberof reflex.DeadlineMiss
         * @instance
         */
        DeadlineMiss.prototype.ageMs = 0;

        /**
         * DeadlineMiss deadlineMs.
         * @member {number} deadlineMs
         * @memberof reflex.DeadlineMiss
         * @instance
         */
        DeadlineMiss.prototype.deadlineMs = 0;

        /**
         * Creates a new DeadlineMiss instance using the specified properties.
         * @function create
         * @memberof reflex.DeadlineMiss
         * @static
         * @param {reflex.DeadlineMiss.$Properties=} [properties] Properties to set
         * @returns {reflex.DeadlineMiss} DeadlineMiss instance
         * @type {{
         *   (properties: reflex.DeadlineMiss.$Shape): reflex.DeadlineMiss & reflex.DeadlineMiss.$Shape;
         *   (properties?: reflex.DeadlineMiss.$Properties): reflex.DeadlineMiss;
         * }}
         */
        DeadlineMiss.create = function(properties) {
            return new DeadlineMiss(properties);
        };

        /**
         * Encodes the specified DeadlineMiss message. Does not implicitly {@link reflex.DeadlineMiss.verify|verify} messages.
         * @function encode
         * @memberof reflex.DeadlineMiss
         * @static
         * @param {reflex.DeadlineMiss.$Properties} message DeadlineMiss message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DeadlineMiss.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.node != null && $Object.hasOwnProperty.call(message, "node") && message.node !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.node);
            if (message.port != null && $Object.hasOwnProperty.call(message, "port") && message.port !== "")
                writer.uint32(/* id 2, wireType 2 =*/18).string(message.port);
            if (message.ageMs != null && $Object.hasOwnProperty.call(message, "ageMs") && !$Object.is(message.ageMs, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.ageMs);
            if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs") && !$Object.is(message.deadlineMs, 0))
                writer.uint32(/* id 4, wireType 1 =*/33).double(message.deadlineMs);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a DeadlineMiss message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.DeadlineMiss
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.DeadlineMiss & reflex.DeadlineMiss.$Shape} DeadlineMiss
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DeadlineMiss.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.DeadlineMiss();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.node = value;
                        else
                            delete message.node;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.port = value;
                        else
                            delete message.port;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.ageMs = value;
                        else
                            delete message.ageMs;
                        continue;
                    }
                case 4: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.deadlineMs = value;
                        else
                            delete message.deadlineMs;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a DeadlineMiss message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.DeadlineMiss
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.DeadlineMiss} DeadlineMiss
         */
        DeadlineMiss.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.DeadlineMiss)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.DeadlineMiss: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.DeadlineMiss();
            if (object.node != null)
                if (typeof object.node !== "string" || object.node.length)
                    message.node = $String(object.node);
            if (object.port != null)
                if (typeof object.port !== "string" || object.port.length)
                    message.port = $String(object.port);
            if (object.ageMs != null)
                if (!$Object.is($Number(object.ageMs), 0))
                    message.ageMs = $Number(object.ageMs);
            if (object.deadlineMs != null)
                if (!$Object.is($Number(object.deadlineMs), 0))
                    message.deadlineMs = $Number(object.deadlineMs);
            return message;
        };

        /**
         * Creates a plain object from a DeadlineMiss message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.DeadlineMiss
         * @static
         * @param {reflex.DeadlineMiss} message DeadlineMiss
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        DeadlineMiss.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.node = "";
                object.port = "";
                object.ageMs = 0;
                object.deadlineMs = 0;
            }
            if (message.node != null && $Object.hasOwnProperty.call(message, "node"))
                object.node = message.node;
            if (message.port != null && $Object.hasOwnProperty.call(message, "port"))
                object.port = message.port;
            if (message.ageMs != null && $Object.hasOwnProperty.call(message, "ageMs"))
                object.ageMs = options.json && !$isFinite(message.ageMs) ? $String(message.ageMs) : message.ageMs;
            if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs"))
                object.deadlineMs = options.json && !$isFinite(message.deadlineMs) ? $String(message.deadlineMs) : message.deadlineMs;
            return object;
        };

        /**
         * Converts this DeadlineMiss to JSON.
         * @function toJSON
         * @memberof reflex.DeadlineMiss
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        DeadlineMiss.prototype.toJSON = function() {
            return DeadlineMiss.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for DeadlineMiss
         * @function getTypeUrl
         * @memberof reflex.DeadlineMiss
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        DeadlineMiss.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.DeadlineMiss";
        };

        return DeadlineMiss;
    })();

    reflex.Image = (function() {

        /**
         * Properties of an Image.
         * @typedef {Object} reflex.Image.$Properties
         * @property {number|null} [width] Image width
         * @property {number|null} [height] Image height
         * @property {string|null} [encoding] Image encoding
         * @property {number|null} [step] Image step
         * @property {Uint8Array|null} [data] Image data
         * @property {number|null} [frameId] Image frameId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Image.
         * @memberof reflex
         * @interface IImage
         * @augments reflex.Image.$Properties
         * @deprecated Use reflex.Image.$Properties instead.
         */

        /**
         * Shape of an Image.
         * @typedef {reflex.Image.$Properties} reflex.Image.$Shape
         */

        /**
         * Constructs a new Image.
         * @memberof reflex
         * @classdesc Represents an Image.
         * @constructor
         * @param {reflex.Image.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Image = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Image width.
         * @member {number} width
         * @memberof reflex.Image
         * @instance
         */
        Image.prototype.width = 0;

        /**
         * Image height.
         * @member {number} height
         * @memberof reflex.Image
         * @instance
         */
        Image.prototype.height = 0;

        /**
         * Image encoding.
         * @member {string} encoding
         * @memberof reflex.Image
         * @instance
         */
        Image.prototype.encoding = "";

        /**
         * Image step.
         * @member {number} step
         * @memberof reflex.Image
         * @instance
         */
        Image.prototype.step = 0;

        /**
         * Image data.
         * @member {Uint8Array} data
         * @memberof reflex.Image
         * @instance
         */
        Image.prototype.data = $util.newBuffer([]);

        /**
         * Image frameId.
         * @member {number} frameId
         * @memberof reflex.Image
         * @instance
         */
        Image.prototype.frameId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new Image instance using the specified properties.
         * @function create
         * @memberof reflex.Image
         * @static
         * @param {reflex.Image.$Properties=} [properties] Properties to set
         * @returns {reflex.Image} Image instance
         * @type {{
         *   (properties: reflex.Image.$Shape): reflex.Image & reflex.Image.$Shape;
         *   (properties?: reflex.Image.$Properties): reflex.Image;
         * }}
         */
        Image.create = function(properties) {
            return new Image(properties);
        };

        /**
         * Encodes the specified Image message. Does not implicitly {@link reflex.Image.verify|verify} messages.
         * @function encode
         * @memberof reflex.Image
         * @static
         * @param {reflex.Image.$Properties} message Image message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Image.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.width != null && $Object.hasOwnProperty.call(message, "width") && message.width !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.width);
            if (message.height != null && $Object.hasOwnProperty.call(message, "height") && message.height !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.height);
            if (message.encoding != null && $Object.hasOwnProperty.call(message, "encoding") && message.encoding !== "")
                writer.uint32(/* id 3, wireType 2 =*/26).string(message.encoding);
            if (message.step != null && $Object.hasOwnProperty.call(message, "step") && message.step !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.step);
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.data);
            if (message.frameId != null && $Object.hasOwnProperty.call(message, "frameId") && (typeof message.frameId === "object" ? message.frameId.low || message.frameId.high : message.frameId !== 0))
                writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.frameId);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Image message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.Image
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.Image & reflex.Image.$Shape} Image
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Image.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.Image();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.width = value;
                        else
                            delete message.width;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.height = value;
                        else
                            delete message.height;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.encoding = value;
                        else
                            delete message.encoding;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.step = value;
                        else
                            delete message.step;
                        continue;
                    }
                case 5: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.frameId = value;
                        else
                            delete message.frameId;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates an Image message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.Image
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.Image} Image
         */
        Image.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.Image)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.Image: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.Image();
            if (object.width != null)
                if ($Number(object.width) !== 0)
                    message.width = object.width >>> 0;
            if (object.height != null)
                if ($Number(object.height) !== 0)
                    message.height = object.height >>> 0;
            if (object.encoding != null)
                if (typeof object.encoding !== "string" || object.encoding.length)
                    message.encoding = $String(object.encoding);
            if (object.step != null)
                if ($Number(object.step) !== 0)
                    message.step = object.step >>> 0;
            if (object.data != null)
                if (object.data.length)
                    if (typeof object.data === "string")
                        $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                    else if (object.data.length >= 0)
                        message.data = object.data;
            if (object.frameId != null)
                if (typeof object.frameId === "object" ? object.frameId.low || object.frameId.high : $Number(object.frameId) !== 0)
                    if ($util.Long)
                        message.frameId = $util.Long.fromValue(object.frameId, true);
                    else if (typeof object.frameId === "string")
                        message.frameId = $parseInt(object.frameId, 10);
                    else if (typeof object.frameId === "number")
                        message.frameId = object.frameId;
                    else if (typeof object.frameId === "object")
                        message.frameId = new $util.LongBits(object.frameId.low >>> 0, object.frameId.high >>> 0).toNumber(true);
            return message;
        };

        /**
         * Creates a plain object from an Image message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.Image
         * @static
         * @param {reflex.Image} message Image
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Image.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.width = 0;
                object.height = 0;
                object.encoding = "";
                object.step = 0;
                if (options.bytes === $String)
                    object.data = "";
                else {
                    object.data = [];
                    if (options.bytes !== $Array)
                        object.data = $util.newBuffer(object.data);
                }
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.frameId = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.frameId = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (message.width != null && $Object.hasOwnProperty.call(message, "width"))
                object.width = message.width;
            if (message.height != null && $Object.hasOwnProperty.call(message, "height"))
                object.height = message.height;
            if (message.encoding != null && $Object.hasOwnProperty.call(message, "encoding"))
                object.encoding = message.encoding;
            if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                object.step = message.step;
            if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
            if (message.frameId != null && $Object.hasOwnProperty.call(message, "frameId"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.frameId = typeof message.frameId === "number" ? $BigInt(message.frameId) : $util.Long.fromBits(message.frameId.low >>> 0, message.frameId.high >>> 0, true).toBigInt();
                else if (typeof message.frameId === "number")
                    object.frameId = options.longs === $String ? $String(message.frameId) : message.frameId;
                else
                    object.frameId = options.longs === $String ? $util.Long.prototype.toString.call(message.frameId) : options.longs === $Number ? new $util.LongBits(message.frameId.low >>> 0, message.frameId.high >>> 0).toNumber(true) : message.frameId;
            return object;
        };

        /**
         * Converts this Image to JSON.
         * @function toJSON
         * @memberof reflex.Image
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Image.prototype.toJSON = function() {
            return Image.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Image
         * @function getTypeUrl
         * @memberof reflex.Image
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Image.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.Image";
        };

        return Image;
    })();

    reflex.JointState = (function() {

        /**
         * Properties of a JointState.
         * @typedef {Object} reflex.JointState.$Properties
         * @property {Array.<string>|null} [name] JointState name
         * @property {Array.<number>|null} [position] JointState position
         * @property {Array.<number>|null} [velocity] JointState velocity
         * @property {Array.<number>|null} [effort] JointState effort
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a JointState.
         * @memberof reflex
         * @interface IJointState
         * @augments reflex.JointState.$Properties
         * @deprecated Use reflex.JointState.$Properties instead.
         */

        /**
         * Shape of a JointState.
         * @typedef {reflex.JointState.$Properties} reflex.JointState.$Shape
         */

        /**
         * Constructs a new JointState.
         * @memberof reflex
         * @classdesc Represents a JointState.
         * @constructor
         * @param {reflex.JointState.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const JointState = function (properties) {
            this.name = [];
            this.position = [];
            this.velocity = [];
            this.effort = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * JointState name.
         * @member {Array.<string>} name
         * @memberof reflex.JointState
         * @instance
         */
        JointState.prototype.name = $util.emptyArray;

        /**
         * JointState position.
         * @member {Array.<number>} position
         * @memberof reflex.JointState
         * @instance
         */
        JointState.prototype.position = $util.emptyArray;

        /**
         * JointState velocity.
         * @member {Array.<number>} velocity
         * @memberof reflex.JointState
         * @instance
         */
        JointState.prototype.velocity = $util.emptyArray;

        /**
         * JointState effort.
         * @member {Array.<number>} effort
         * @memberof reflex.JointState
         * @instance
         */
        JointState.prototype.effort = $util.emptyArray;

        /**
         * Creates a new JointState instance using the specified properties.
         * @function create
         * @memberof reflex.JointState
         * @static
         * @param {reflex.JointState.$Properties=} [properties] Properties to set
         * @returns {reflex.JointState} JointState instance
         * @type {{
         *   (properties: reflex.JointState.$Shape): reflex.JointState & reflex.JointState.$Shape;
         *   (properties?: reflex.JointState.$Properties): reflex.JointState;
         * }}
         */
        JointState.create = function(properties) {
            return new JointState(properties);
        };

        /**
         * Encodes the specified JointState message. Does not implicitly {@link reflex.JointState.verify|verify} messages.
         * @function encode
         * @memberof reflex.JointState
         * @static
         * @param {reflex.JointState.$Properties} message JointState message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        JointState.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.name != null && message.name.length)
                for (let i = 0; i < message.name.length; ++i)
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name[i]);
            if (message.position != null && message.position.length)
                writer.uint32(/* id 2, wireType 2 =*/18).doubles(message.position);
            if (message.velocity != null && message.velocity.length)
                writer.uint32(/* id 3, wireType 2 =*/26).doubles(message.velocity);
            if (message.effort != null && message.effort.length)
                writer.uint32(/* id 4, wireType 2 =*/34).doubles(message.effort);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a JointState message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.JointState
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.JointState & reflex.JointState.$Shape} JointState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        JointState.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.JointState();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if (!(message.name && message.name.length))
                            message.name = [];
                        message.name.push(reader.stringVerify());
                        continue;
                    }
                case 2: {
                        if (wireType === 2) {
                            if (!(message.position && message.position.length))
                                message.position = [];
                            reader.doubles(message.position);
                            continue;
                        }
                        if (wireType !== 1)
                            break;
                        if (!(message.position && message.position.length))
                            message.position = [];
                        message.position.push(reader.double());
                        continue;
                    }
                case 3: {
                        if (wireType === 2) {
                            if (!(message.velocity && message.velocity.length))
                                message.velocity = [];
                            reader.doubles(message.velocity);
                            continue;
                        }
                        if (wireType !== 1)
                            break;
                        if (!(message.velocity && message.velocity.length))
                            message.velocity = [];
                        message.velocity.push(reader.double());
                        continue;
                    }
                case 4: {
                        if (wireType === 2) {
                            if (!(message.effort && message.effort.length))
                                message.effort = [];
                            reader.doubles(message.effort);
                            continue;
                        }
                        if (wireType !== 1)
                            break;
                        if (!(message.effort && message.effort.length))
                            message.effort = [];
                        message.effort.push(reader.double());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a JointState message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.JointState
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.JointState} JointState
         */
        JointState.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.JointState)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.JointState: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.JointState();
            if (object.name) {
                if (!$Array.isArray(object.name))
                    throw $TypeError(".reflex.JointState.name: array expected");
                message.name = $Array(object.name.length);
                for (let i = 0; i < object.name.length; ++i)
                    message.name[i] = $String(object.name[i]);
            }
            if (object.position) {
                if (!$Array.isArray(object.position))
                    throw $TypeError(".reflex.JointState.position: array expected");
                message.position = $Array(object.position.length);
                for (let i = 0; i < object.position.length; ++i)
                    message.position[i] = $Number(object.position[i]);
            }
            if (object.velocity) {
                if (!$Array.isArray(object.velocity))
                    throw $TypeError(".reflex.JointState.velocity: array expected");
                message.velocity = $Array(object.velocity.length);
                for (let i = 0; i < object.velocity.length; ++i)
                    message.velocity[i] = $Number(object.velocity[i]);
            }
            if (object.effort) {
                if (!$Array.isArray(object.effort))
                    throw $TypeError(".reflex.JointState.effort: array expected");
                message.effort = $Array(object.effort.length);
                for (let i = 0; i < object.effort.length; ++i)
                    message.effort[i] = $Number(object.effort[i]);
            }
            return message;
        };

        /**
         * Creates a plain object from a JointState message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.JointState
         * @static
         * @param {reflex.JointState} message JointState
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        JointState.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.arrays || options.defaults) {
                object.name = [];
                object.position = [];
                object.velocity = [];
                object.effort = [];
            }
            if (message.name && message.name.length) {
                object.name = $Array(message.name.length);
                for (let j = 0; j < message.name.length; ++j)
                    object.name[j] = message.name[j];
            }
            if (message.position && message.position.length) {
                object.position = $Array(message.position.length);
                for (let j = 0; j < message.position.length; ++j)
                    object.position[j] = options.json && !$isFinite(message.position[j]) ? $String(message.position[j]) : message.position[j];
            }
            if (message.velocity && message.velocity.length) {
                object.velocity = $Array(message.velocity.length);
                for (let j = 0; j < message.velocity.length; ++j)
                    object.velocity[j] = options.json && !$isFinite(message.velocity[j]) ? $String(message.velocity[j]) : message.velocity[j];
            }
            if (message.effort && message.effort.length) {
                object.effort = $Array(message.effort.length);
                for (let j = 0; j < message.effort.length; ++j)
                    object.effort[j] = options.json && !$isFinite(message.effort[j]) ? $String(message.effort[j]) : message.effort[j];
            }
            return object;
        };

        /**
         * Converts this JointState to JSON.
         * @function toJSON
         * @memberof reflex.JointState
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        JointState.prototype.toJSON = function() {
            return JointState.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for JointState
         * @function getTypeUrl
         * @memberof reflex.JointState
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        JointState.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.JointState";
        };

        return JointState;
    })();

    reflex.Vector3 = (function() {

        /**
         * Properties of a Vector3.
         * @typedef {Object} reflex.Vector3.$Properties
         * @property {number|null} [x] Vector3 x
         * @property {number|null} [y] Vector3 y
         * @property {number|null} [z] Vector3 z
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Vector3.
         * @memberof reflex
         * @interface IVector3
         * @augments reflex.Vector3.$Properties
         * @deprecated Use reflex.Vector3.$Properties instead.
         */

        /**
         * Shape of a Vector3.
         * @typedef {reflex.Vector3.$Properties} reflex.Vector3.$Shape
         */

        /**
         * Constructs a new Vector3.
         * @memberof reflex
         * @classdesc Represents a Vector3.
         * @constructor
         * @param {reflex.Vector3.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Vector3 = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Vector3 x.
         * @member {number} x
         * @memberof reflex.Vector3
         * @instance
         */
        Vector3.prototype.x = 0;

        /**
         * Vector3 y.
         * @member {number} y
         * @memberof reflex.Vector3
         * @instance
         */
        Vector3.prototype.y = 0;

        /**
         * Vector3 z.
         * @member {number} z
         * @memberof reflex.Vector3
         * @instance
         */
        Vector3.prototype.z = 0;

        /**
         * Creates a new Vector3 instance using the specified properties.
         * @function create
         * @memberof reflex.Vector3
         * @static
         * @param {reflex.Vector3.$Properties=} [properties] Properties to set
         * @returns {reflex.Vector3} Vector3 instance
         * @type {{
         *   (properties: reflex.Vector3.$Shape): reflex.Vector3 & reflex.Vector3.$Shape;
         *   (properties?: reflex.Vector3.$Properties): reflex.Vector3;
         * }}
         */
        Vector3.create = function(properties) {
            return new Vector3(properties);
        };

        /**
         * Encodes the specified Vector3 message. Does not implicitly {@link reflex.Vector3.verify|verify} messages.
         * @function encode
         * @memberof reflex.Vector3
         * @static
         * @param {reflex.Vector3.$Properties} message Vector3 message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Vector3.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.x != null && $Object.hasOwnProperty.call(message, "x") && !$Object.is(message.x, 0))
                writer.uint32(/* id 1, wireType 1 =*/9).double(message.x);
            if (message.y != null && $Object.hasOwnProperty.call(message, "y") && !$Object.is(message.y, 0))
                writer.uint32(/* id 2, wireType 1 =*/17).double(message.y);
            if (message.z != null && $Object.hasOwnProperty.call(message, "z") && !$Object.is(message.z, 0))
                writer.uint32(/* id 3, wireType 1 =*/25).double(message.z);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Vector3 message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.Vector3
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.Vector3 & reflex.Vector3.$Shape} Vector3
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Vector3.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.Vector3();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.x = value;
                        else
                            delete message.x;
                        continue;
                    }
                case 2: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.y = value;
                        else
                            delete message.y;
                        continue;
                    }
                case 3: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.z = value;
                        else
                            delete message.z;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Vector3 message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.Vector3
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.Vector3} Vector3
         */
        Vector3.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.Vector3)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.Vector3: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.Vector3();
            if (object.x != null)
                if (!$Object.is($Number(object.x), 0))
                    message.x = $Number(object.x);
            if (object.y != null)
                if (!$Object.is($Number(object.y), 0))
                    message.y = $Number(object.y);
            if (object.z != null)
                if (!$Object.is($Number(object.z), 0))
                    message.z = $Number(object.z);
            return message;
        };

        /**
         * Creates a plain object from a Vector3 message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.Vector3
         * @static
         * @param {reflex.Vector3} message Vector3
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Vector3.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.x = 0;
                object.y = 0;
                object.z = 0;
            }
            if (message.x != null && $Object.hasOwnProperty.call(message, "x"))
                object.x = options.json && !$isFinite(message.x) ? $String(message.x) : message.x;
            if (message.y != null && $Object.hasOwnProperty.call(message, "y"))
                object.y = options.json && !$isFinite(message.y) ? $String(message.y) : message.y;
            if (message.z != null && $Object.hasOwnProperty.call(message, "z"))
                object.z = options.json && !$isFinite(message.z) ? $String(message.z) : message.z;
            return object;
        };

        /**
         * Converts this Vector3 to JSON.
         * @function toJSON
         * @memberof reflex.Vector3
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Vector3.prototype.toJSON = function() {
            return Vector3.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Vector3
         * @function getTypeUrl
         * @memberof reflex.Vector3
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Vector3.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.Vector3";
        };

        return Vector3;
    })();

    reflex.Imu = (function() {

        /**
         * Properties of an Imu.
         * @typedef {Object} reflex.Imu.$Properties
         * @property {reflex.Vector3.$Properties|null} [angularVelocity] Imu angularVelocity
         * @property {reflex.Vector3.$Properties|null} [linearAcceleration] Imu linearAcceleration
         * @property {reflex.Vector3.$Properties|null} [orientationRpy] Imu orientationRpy
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Imu.
         * @memberof reflex
         * @interface IImu
         * @augments reflex.Imu.$Properties
         * @deprecated Use reflex.Imu.$Properties instead.
         */

        /**
         * Shape of an Imu.
         * @typedef {reflex.Imu.$Properties} reflex.Imu.$Shape
         */

        /**
         * Constructs a new Imu.
         * @memberof reflex
         * @classdesc Represents an Imu.
         * @constructor
         * @param {reflex.Imu.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Imu = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Imu angularVelocity.
         * @member {reflex.Vector3.$Properties|null|undefined} angularVelocity
         * @memberof reflex.Imu
         * @instance
         */
        Imu.prototype.angularVelocity = null;

        /**
         * Imu linearAcceleration.
         * @member {reflex.Vector3.$Properties|null|undefined} linearAcceleration
         * @memberof reflex.Imu
         * @instance
         */
        Imu.prototype.linearAcceleration = null;

        /**
         * Imu orientationRpy.
         * @member {reflex.Vector3.$Properties|null|undefined} orientationRpy
         * @memberof reflex.Imu
         * @instance
         */
        Imu.prototype.orientationRpy = null;

        /**
         * Creates a new Imu instance using the specified properties.
         * @function create
         * @memberof reflex.Imu
         * @static
         * @param {reflex.Imu.$Properties=} [properties] Properties to set
         * @returns {reflex.Imu} Imu instance
         * @type {{
         *   (properties: reflex.Imu.$Shape): reflex.Imu & reflex.Imu.$Shape;
         *   (properties?: reflex.Imu.$Properties): reflex.Imu;
         * }}
         */
        Imu.create = function(properties) {
            return new Imu(properties);
        };

        /**
         * Encodes the specified Imu message. Does not implicitly {@link reflex.Imu.verify|verify} messages.
         * @function encode
         * @memberof reflex.Imu
         * @static
         * @param {reflex.Imu.$Properties} message Imu message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Imu.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.angularVelocity != null && $Object.hasOwnProperty.call(message, "angularVelocity"))
                $root.reflex.Vector3.encode(message.angularVelocity, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.linearAcceleration != null && $Object.hasOwnProperty.call(message, "linearAcceleration"))
                $root.reflex.Vector3.encode(message.linearAcceleration, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.orientationRpy != null && $Object.hasOwnProperty.call(message, "orientationRpy"))
                $root.reflex.Vector3.encode(message.orientationRpy, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Imu message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.Imu
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.Imu & reflex.Imu.$Shape} Imu
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Imu.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.Imu();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.angularVelocity = $root.reflex.Vector3.decode(reader, reader.size(), $undefined, _depth + 1, message.angularVelocity);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.linearAcceleration = $root.reflex.Vector3.decode(reader, reader.size(), $undefined, _depth + 1, message.linearAcceleration);
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.orientationRpy = $root.reflex.Vector3.decode(reader, reader.size(), $undefined, _depth + 1, message.orientationRpy);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates an Imu message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.Imu
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.Imu} Imu
         */
        Imu.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.Imu)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.Imu: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.Imu();
            if (object.angularVelocity != null) {
                if (!$util.isObject(object.angularVelocity))
                    throw $TypeError(".reflex.Imu.angularVelocity: object expected");
                message.angularVelocity = $root.reflex.Vector3.fromObject(object.angularVelocity, _depth + 1);
            }
            if (object.linearAcceleration != null) {
                if (!$util.isObject(object.linearAcceleration))
                    throw $TypeError(".reflex.Imu.linearAcceleration: object expected");
                message.linearAcceleration = $root.reflex.Vector3.fromObject(object.linearAcceleration, _depth + 1);
            }
            if (object.orientationRpy != null) {
                if (!$util.isObject(object.orientationRpy))
                    throw $TypeError(".reflex.Imu.orientationRpy: object expected");
                message.orientationRpy = $root.reflex.Vector3.fromObject(object.orientationRpy, _depth + 1);
            }
            return message;
        };

        /**
         * Creates a plain object from an Imu message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.Imu
         * @static
         * @param {reflex.Imu} message Imu
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Imu.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                object.angularVelocity = null;
                object.linearAcceleration = null;
                object.orientationRpy = null;
            }
            if (message.angularVelocity != null && $Object.hasOwnProperty.call(message, "angularVelocity"))
                object.angularVelocity = $root.reflex.Vector3.toObject(message.angularVelocity, options, _depth + 1);
            if (message.linearAcceleration != null && $Object.hasOwnProperty.call(message, "linearAcceleration"))
                object.linearAcceleration = $root.reflex.Vector3.toObject(message.linearAcceleration, options, _depth + 1);
            if (message.orientationRpy != null && $Object.hasOwnProperty.call(message, "orientationRpy"))
                object.orientationRpy = $root.reflex.Vector3.toObject(message.orientationRpy, options, _depth + 1);
            return object;
        };

        /**
         * Converts this Imu to JSON.
         * @function toJSON
         * @memberof reflex.Imu
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Imu.prototype.toJSON = function() {
            return Imu.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Imu
         * @function getTypeUrl
         * @memberof reflex.Imu
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Imu.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.Imu";
        };

        return Imu;
    })();

    reflex.Tick = (function() {

        /**
         * Properties of a Tick.
         * @typedef {Object} reflex.Tick.$Properties
         * @property {number|null} [index] Tick index
         * @property {number|null} [dueNs] Tick dueNs
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Tick.
         * @memberof reflex
         * @interface ITick
         * @augments reflex.Tick.$Properties
         * @deprecated Use reflex.Tick.$Properties instead.
         */

        /**
         * Shape of a Tick.
         * @typedef {reflex.Tick.$Properties} reflex.Tick.$Shape
         */

        /**
         * Constructs a new Tick.
         * @memberof reflex
         * @classdesc Represents a Tick.
         * @constructor
         * @param {reflex.Tick.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Tick = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Tick index.
         * @member {number} index
         * @memberof reflex.Tick
         * @instance
         */
        Tick.prototype.index = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Tick dueNs.
         * @member {number} dueNs
         * @memberof reflex.Tick
         * @instance
         */
        Tick.prototype.dueNs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new Tick instance using the specified properties.
         * @function create
         * @memberof reflex.Tick
         * @static
         * @param {reflex.Tick.$Properties=} [properties] Properties to set
         * @returns {reflex.Tick} Tick instance
         * @type {{
         *   (properties: reflex.Tick.$Shape): reflex.Tick & reflex.Tick.$Shape;
         *   (properties?: reflex.Tick.$Properties): reflex.Tick;
         * }}
         */
        Tick.create = function(properties) {
            return new Tick(properties);
        };

        /**
         * Encodes the specified Tick message. Does not implicitly {@link reflex.Tick.verify|verify} messages.
         * @function encode
         * @memberof reflex.Tick
         * @static
         * @param {reflex.Tick.$Properties} message Tick message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Tick.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.index != null && $Object.hasOwnProperty.call(message, "index") && (typeof message.index === "object" ? message.index.low || message.index.high : message.index !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.index);
            if (message.dueNs != null && $Object.hasOwnProperty.call(message, "dueNs") && (typeof message.dueNs === "object" ? message.dueNs.low || message.dueNs.high : message.dueNs !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.dueNs);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Tick message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.Tick
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.Tick & reflex.Tick.$Shape} Tick
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Tick.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.Tick();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.index = value;
                        else
                            delete message.index;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.dueNs = value;
                        else
                            delete message.dueNs;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Tick message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.Tick
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.Tick} Tick
         */
        Tick.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.Tick)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.Tick: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.Tick();
            if (object.index != null)
                if (typeof object.index === "object" ? object.index.low || object.index.high : $Number(object.index) !== 0)
                    if ($util.Long)
                        message.index = $util.Long.fromValue(object.index, true);
                    else if (typeof object.index === "string")
                        message.index = $parseInt(object.index, 10);
                    else if (typeof object.index === "number")
                        message.index = object.index;
                    else if (typeof object.index === "object")
                        message.index = new $util.LongBits(object.index.low >>> 0, object.index.high >>> 0).toNumber(true);
            if (object.dueNs != null)
                if (typeof object.dueNs === "object" ? object.dueNs.low || object.dueNs.high : $Number(object.dueNs) !== 0)
                    if ($util.Long)
                        message.dueNs = $util.Long.fromValue(object.dueNs, true);
                    else if (typeof object.dueNs === "string")
                        message.dueNs = $parseInt(object.dueNs, 10);
                    else if (typeof object.dueNs === "number")
                        message.dueNs = object.dueNs;
                    else if (typeof object.dueNs === "object")
                        message.dueNs = new $util.LongBits(object.dueNs.low >>> 0, object.dueNs.high >>> 0).toNumber(true);
            return message;
        };

        /**
         * Creates a plain object from a Tick message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.Tick
         * @static
         * @param {reflex.Tick} message Tick
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Tick.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.index = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.index = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.dueNs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.dueNs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (message.index != null && $Object.hasOwnProperty.call(message, "index"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.index = typeof message.index === "number" ? $BigInt(message.index) : $util.Long.fromBits(message.index.low >>> 0, message.index.high >>> 0, true).toBigInt();
                else if (typeof message.index === "number")
                    object.index = options.longs === $String ? $String(message.index) : message.index;
                else
                    object.index = options.longs === $String ? $util.Long.prototype.toString.call(message.index) : options.longs === $Number ? new $util.LongBits(message.index.low >>> 0, message.index.high >>> 0).toNumber(true) : message.index;
            if (message.dueNs != null && $Object.hasOwnProperty.call(message, "dueNs"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.dueNs = typeof message.dueNs === "number" ? $BigInt(message.dueNs) : $util.Long.fromBits(message.dueNs.low >>> 0, message.dueNs.high >>> 0, true).toBigInt();
                else if (typeof message.dueNs === "number")
                    object.dueNs = options.longs === $String ? $String(message.dueNs) : message.dueNs;
                else
                    object.dueNs = options.longs === $String ? $util.Long.prototype.toString.call(message.dueNs) : options.longs === $Number ? new $util.LongBits(message.dueNs.low >>> 0, message.dueNs.high >>> 0).toNumber(true) : message.dueNs;
            return object;
        };

        /**
         * Converts this Tick to JSON.
         * @function toJSON
         * @memberof reflex.Tick
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Tick.prototype.toJSON = function() {
            return Tick.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Tick
         * @function getTypeUrl
         * @memberof reflex.Tick
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Tick.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.Tick";
        };

        return Tick;
    })();

    reflex.Blob = (function() {

        /**
         * Properties of a Blob.
         * @typedef {Object} reflex.Blob.$Properties
         * @property {Uint8Array|null} [data] Blob data
         * @property {number|null} [value] Blob value
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Blob.
         * @memberof reflex
         * @interface IBlob
         * @augments reflex.Blob.$Properties
         * @deprecated Use reflex.Blob.$Properties instead.
         */

        /**
         * Shape of a Blob.
         * @typedef {reflex.Blob.$Properties} reflex.Blob.$Shape
         */

        /**
         * Constructs a new Blob.
         * @memberof reflex
         * @classdesc Represents a Blob.
         * @constructor
         * @param {reflex.Blob.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Blob = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Blob data.
         * @member {Uint8Array} data
         * @memberof reflex.Blob
         * @instance
         */
        Blob.prototype.data = $util.newBuffer([]);

        /**
         * Blob value.
         * @member {number} value
         * @memberof reflex.Blob
         * @instance
         */
        Blob.prototype.value = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new Blob instance using the specified properties.
         * @function create
         * @memberof reflex.Blob
         * @static
         * @param {reflex.Blob.$Properties=} [properties] Properties to set
         * @returns {reflex.Blob} Blob instance
         * @type {{
         *   (properties: reflex.Blob.$Shape): reflex.Blob & reflex.Blob.$Shape;
         *   (properties?: reflex.Blob.$Properties): reflex.Blob;
         * }}
         */
        Blob.create = function(properties) {
            return new Blob(properties);
        };

        /**
         * Encodes the specified Blob message. Does not implicitly {@link reflex.Blob.verify|verify} messages.
         * @function encode
         * @memberof reflex.Blob
         * @static
         * @param {reflex.Blob.$Properties} message Blob message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Blob.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.data);
            if (message.value != null && $Object.hasOwnProperty.call(message, "value") && (typeof message.value === "object" ? message.value.low || message.value.high : message.value !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.value);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Blob message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.Blob
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.Blob & reflex.Blob.$Shape} Blob
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Blob.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.Blob();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.value = value;
                        else
                            delete message.value;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a Blob message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.Blob
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.Blob} Blob
         */
        Blob.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.Blob)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.Blob: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.Blob();
            if (object.data != null)
                if (object.data.length)
                    if (typeof object.data === "string")
                        $util.base64.decode(object.data, message.data = $util.newBuffer($util.base64.length(object.data)), 0);
                    else if (object.data.length >= 0)
                        message.data = object.data;
            if (object.value != null)
                if (typeof object.value === "object" ? object.value.low || object.value.high : $Number(object.value) !== 0)
                    if ($util.Long)
                        message.value = $util.Long.fromValue(object.value, true);
                    else if (typeof object.value === "string")
                        message.value = $parseInt(object.value, 10);
                    else if (typeof object.value === "number")
                        message.value = object.value;
                    else if (typeof object.value === "object")
                        message.value = new $util.LongBits(object.value.low >>> 0, object.value.high >>> 0).toNumber(true);
            return message;
        };

        /**
         * Creates a plain object from a Blob message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.Blob
         * @static
         * @param {reflex.Blob} message Blob
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Blob.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                if (options.bytes === $String)
                    object.data = "";
                else {
                    object.data = [];
                    if (options.bytes !== $Array)
                        object.data = $util.newBuffer(object.data);
                }
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.value = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.value = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (message.data != null && $Object.hasOwnProperty.call(message, "data"))
                object.data = options.bytes === $String ? $util.base64.encode(message.data, 0, message.data.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.data) : message.data;
            if (message.value != null && $Object.hasOwnProperty.call(message, "value"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.value = typeof message.value === "number" ? $BigInt(message.value) : $util.Long.fromBits(message.value.low >>> 0, message.value.high >>> 0, true).toBigInt();
                else if (typeof message.value === "number")
                    object.value = options.longs === $String ? $String(message.value) : message.value;
                else
                    object.value = options.longs === $String ? $util.Long.prototype.toString.call(message.value) : options.longs === $Number ? new $util.LongBits(message.value.low >>> 0, message.value.high >>> 0).toNumber(true) : message.value;
            return object;
        };

        /**
         * Converts this Blob to JSON.
         * @function toJSON
         * @memberof reflex.Blob
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Blob.prototype.toJSON = function() {
            return Blob.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Blob
         * @function getTypeUrl
         * @memberof reflex.Blob
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Blob.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.Blob";
        };

        return Blob;
    })();

    reflex.SimWorld = (function() {

        /**
         * Properties of a SimWorld.
         * @typedef {Object} reflex.SimWorld.$Properties
         * @property {number|null} [episode] SimWorld episode
         * @property {number|null} [sceneSeed] SimWorld sceneSeed
         * @property {number|null} [targets] SimWorld targets
         * @property {number|null} [distractors] SimWorld distractors
         * @property {number|null} [blockSize] SimWorld blockSize
         * @property {number|null} [robotRadius] SimWorld robotRadius
         * @property {number|null} [x] SimWorld x
         * @property {number|null} [y] SimWorld y
         * @property {number|null} [step] SimWorld step
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SimWorld.
         * @memberof reflex
         * @interface ISimWorld
         * @augments reflex.SimWorld.$Properties
         * @deprecated Use reflex.SimWorld.$Properties instead.
         */

        /**
         * Shape of a SimWorld.
         * @typedef {reflex.SimWorld.$Properties} reflex.SimWorld.$Shape
         */

        /**
         * Constructs a new SimWorld.
         * @memberof reflex
         * @classdesc Represents a SimWorld.
         * @constructor
         * @param {reflex.SimWorld.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SimWorld = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SimWorld episode.
         * @member {number} episode
         * @memberof reflex.SimWorld
         * @instance
         */
        SimWorld.prototype.episode = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SimWorld sceneSeed.
         * @member {number} sceneSeed
         * @memberof reflex.SimWorld
         * @instance
         */
        SimWorld.prototype.sceneSeed = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SimWorld targets.
         * @member {number} targets
         * @memberof reflex.SimWorld
         * @instance
         */
        SimWorld.prototype.targets = 0;

        /**
         * SimWorld distractors.
         * @member {number} distractors
         * @memberof reflex.SimWorld
         * @instance
         */
        SimWorld.prototype.distractors = 0;

        /**
         * SimWorld blockSize.
         * @member {number} blockSize
         * @memberof reflex.SimWorld
         * @instance
         */
        SimWorld.prototype.blockSize = 0;

        /**
         * SimWorld robotRadius.
         * @member {number} robotRadius
         * @memberof reflex.SimWorld
         * @instance
         */
        SimWorld.prototype.robotRadius = 0;

        /**
         * SimWorld x.
         * @member {number} x
         * @memberof reflex.SimWorld
         * @instance
         */
        SimWorld.prototype.x = 0;

        /**
         * SimWorld y.
         * @member {number} y
         * @memberof reflex.SimWorld
         * @instance
         */
        SimWorld.prototype.y = 0;

        /**
         * SimWorld step.
         * @member {number} step
         * @memberof reflex.SimWorld
         * @instance
         */
        SimWorld.prototype.step = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new SimWorld instance using the specified properties.
         * @function create
         * @memberof reflex.SimWorld
         * @static
         * @param {reflex.SimWorld.$Properties=} [properties] Properties to set
         * @returns {reflex.SimWorld} SimWorld instance
         * @type {{
         *   (properties: reflex.SimWorld.$Shape): reflex.SimWorld & reflex.SimWorld.$Shape;
         *   (properties?: reflex.SimWorld.$Properties): reflex.SimWorld;
         * }}
         */
        SimWorld.create = function(properties) {
            return new SimWorld(properties);
        };

        /**
         * Encodes the specified SimWorld message. Does not implicitly {@link reflex.SimWorld.verify|verify} messages.
         * @function encode
         * @memberof reflex.SimWorld
         * @static
         * @param {reflex.SimWorld.$Properties} message SimWorld message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SimWorld.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.episode != null && $Object.hasOwnProperty.call(message, "episode") && (typeof message.episode === "object" ? message.episode.low || message.episode.high : message.episode !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.episode);
            if (message.sceneSeed != null && $Object.hasOwnProperty.call(message, "sceneSeed") && (typeof message.sceneSeed === "object" ? message.sceneSeed.low || message.sceneSeed.high : message.sceneSeed !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.sceneSeed);
            if (message.targets != null && $Object.hasOwnProperty.call(message, "targets") && message.targets !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.targets);
            if (message.distractors != null && $Object.hasOwnProperty.call(message, "distractors") && message.distractors !== 0)
                writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.distractors);
            if (message.blockSize != null && $Object.hasOwnProperty.call(message, "blockSize") && !$Object.is(message.blockSize, 0))
                writer.uint32(/* id 5, wireType 1 =*/41).double(message.blockSize);
            if (message.robotRadius != null && $Object.hasOwnProperty.call(message, "robotRadius") && !$Object.is(message.robotRadius, 0))
                writer.uint32(/* id 6, wireType 1 =*/49).double(message.robotRadius);
            if (message.x != null && $Object.hasOwnProperty.call(message, "x") && !$Object.is(message.x, 0))
                writer.uint32(/* id 7, wireType 1 =*/57).double(message.x);
            if (message.y != null && $Object.hasOwnProperty.call(message, "y") && !$Object.is(message.y, 0))
                writer.uint32(/* id 8, wireType 1 =*/65).double(message.y);
            if (message.step != null && $Object.hasOwnProperty.call(message, "step") && (typeof message.step === "object" ? message.step.low || message.step.high : message.step !== 0))
                writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.step);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SimWorld message from the specified reader or buffer.
         * @function decode
         * @memberof reflex.SimWorld
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {reflex.SimWorld & reflex.SimWorld.$Shape} SimWorld
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SimWorld.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.reflex.SimWorld();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.episode = value;
                        else
                            delete message.episode;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.sceneSeed = value;
                        else
                            delete message.sceneSeed;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.targets = value;
                        else
                            delete message.targets;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.distractors = value;
                        else
                            delete message.distractors;
                        continue;
                    }
                case 5: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.blockSize = value;
                        else
                            delete message.blockSize;
                        continue;
                    }
                case 6: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.robotRadius = value;
                        else
                            delete message.robotRadius;
                        continue;
                    }
                case 7: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.x = value;
                        else
                            delete message.x;
                        continue;
                    }
                case 8: {
                        if (wireType !== 1)
                            break;
                        if (!$Object.is(value = reader.double(), 0))
                            message.y = value;
                        else
                            delete message.y;
                        continue;
                    }
                case 9: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.step = value;
                        else
                            delete message.step;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        /**
         * Creates a SimWorld message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof reflex.SimWorld
         * @static
         * @param {Object.<string,*>} object Plain object
         * @returns {reflex.SimWorld} SimWorld
         */
        SimWorld.fromObject = function (object, _depth) {
            if (object instanceof $root.reflex.SimWorld)
                return object;
            if (!$util.isObject(object))
                throw $TypeError(".reflex.SimWorld: object expected");
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let message = new $root.reflex.SimWorld();
            if (object.episode != null)
                if (typeof object.episode === "object" ? object.episode.low || object.episode.high : $Number(object.episode) !== 0)
                    if ($util.Long)
                        message.episode = $util.Long.fromValue(object.episode, true);
                    else if (typeof object.episode === "string")
                        message.episode = $parseInt(object.episode, 10);
                    else if (typeof object.episode === "number")
                        message.episode = object.episode;
                    else if (typeof object.episode === "object")
                        message.episode = new $util.LongBits(object.episode.low >>> 0, object.episode.high >>> 0).toNumber(true);
            if (object.sceneSeed != null)
                if (typeof object.sceneSeed === "object" ? object.sceneSeed.low || object.sceneSeed.high : $Number(object.sceneSeed) !== 0)
                    if ($util.Long)
                        message.sceneSeed = $util.Long.fromValue(object.sceneSeed, true);
                    else if (typeof object.sceneSeed === "string")
                        message.sceneSeed = $parseInt(object.sceneSeed, 10);
                    else if (typeof object.sceneSeed === "number")
                        message.sceneSeed = object.sceneSeed;
                    else if (typeof object.sceneSeed === "object")
                        message.sceneSeed = new $util.LongBits(object.sceneSeed.low >>> 0, object.sceneSeed.high >>> 0).toNumber(true);
            if (object.targets != null)
                if ($Number(object.targets) !== 0)
                    message.targets = object.targets >>> 0;
            if (object.distractors != null)
                if ($Number(object.distractors) !== 0)
                    message.distractors = object.distractors >>> 0;
            if (object.blockSize != null)
                if (!$Object.is($Number(object.blockSize), 0))
                    message.blockSize = $Number(object.blockSize);
            if (object.robotRadius != null)
                if (!$Object.is($Number(object.robotRadius), 0))
                    message.robotRadius = $Number(object.robotRadius);
            if (object.x != null)
                if (!$Object.is($Number(object.x), 0))
                    message.x = $Number(object.x);
            if (object.y != null)
                if (!$Object.is($Number(object.y), 0))
                    message.y = $Number(object.y);
            if (object.step != null)
                if (typeof object.step === "object" ? object.step.low || object.step.high : $Number(object.step) !== 0)
                    if ($util.Long)
                        message.step = $util.Long.fromValue(object.step, true);
                    else if (typeof object.step === "string")
                        message.step = $parseInt(object.step, 10);
                    else if (typeof object.step === "number")
                        message.step = object.step;
                    else if (typeof object.step === "object")
                        message.step = new $util.LongBits(object.step.low >>> 0, object.step.high >>> 0).toNumber(true);
            return message;
        };

        /**
         * Creates a plain object from a SimWorld message. Also converts values to other types if specified.
         * @function toObject
         * @memberof reflex.SimWorld
         * @static
         * @param {reflex.SimWorld} message SimWorld
         * @param {$protobuf.IConversionOptions} [options] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        SimWorld.toObject = function (message, options, _depth) {
            if (!options)
                options = {};
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            let object = {};
            if (options.defaults) {
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.episode = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.episode = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.sceneSeed = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.sceneSeed = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                object.targets = 0;
                object.distractors = 0;
                object.blockSize = 0;
                object.robotRadius = 0;
                object.x = 0;
                object.y = 0;
                if ($util.Long) {
                    let long = new $util.Long(0, 0, true);
                    object.step = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                } else
                    object.step = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (message.episode != null && $Object.hasOwnProperty.call(message, "episode"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.episode = typeof message.episode === "number" ? $BigInt(message.episode) : $util.Long.fromBits(message.episode.low >>> 0, message.episode.high >>> 0, true).toBigInt();
                else if (typeof message.episode === "number")
                    object.episode = options.longs === $String ? $String(message.episode) : message.episode;
                else
                    object.episode = options.longs === $String ? $util.Long.prototype.toString.call(message.episode) : options.longs === $Number ? new $util.LongBits(message.episode.low >>> 0, message.episode.high >>> 0).toNumber(true) : message.episode;
            if (message.sceneSeed != null && $Object.hasOwnProperty.call(message, "sceneSeed"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.sceneSeed = typeof message.sceneSeed === "number" ? $BigInt(message.sceneSeed) : $util.Long.fromBits(message.sceneSeed.low >>> 0, message.sceneSeed.high >>> 0, true).toBigInt();
                else if (typeof message.sceneSeed === "number")
                    object.sceneSeed = options.longs === $String ? $String(message.sceneSeed) : message.sceneSeed;
                else
                    object.sceneSeed = options.longs === $String ? $util.Long.prototype.toString.call(message.sceneSeed) : options.longs === $Number ? new $util.LongBits(message.sceneSeed.low >>> 0, message.sceneSeed.high >>> 0).toNumber(true) : message.sceneSeed;
            if (message.targets != null && $Object.hasOwnProperty.call(message, "targets"))
                object.targets = message.targets;
            if (message.distractors != null && $Object.hasOwnProperty.call(message, "distractors"))
                object.distractors = message.distractors;
            if (message.blockSize != null && $Object.hasOwnProperty.call(message, "blockSize"))
                object.blockSize = options.json && !$isFinite(message.blockSize) ? $String(message.blockSize) : message.blockSize;
            if (message.robotRadius != null && $Object.hasOwnProperty.call(message, "robotRadius"))
                object.robotRadius = options.json && !$isFinite(message.robotRadius) ? $String(message.robotRadius) : message.robotRadius;
            if (message.x != null && $Object.hasOwnProperty.call(message, "x"))
                object.x = options.json && !$isFinite(message.x) ? $String(message.x) : message.x;
            if (message.y != null && $Object.hasOwnProperty.call(message, "y"))
                object.y = options.json && !$isFinite(message.y) ? $String(message.y) : message.y;
            if (message.step != null && $Object.hasOwnProperty.call(message, "step"))
                if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                    object.step = typeof message.step === "number" ? $BigInt(message.step) : $util.Long.fromBits(message.step.low >>> 0, message.step.high >>> 0, true).toBigInt();
                else if (typeof message.step === "number")
                    object.step = options.longs === $String ? $String(message.step) : message.step;
                else
                    object.step = options.longs === $String ? $util.Long.prototype.toString.call(message.step) : options.longs === $Number ? new $util.LongBits(message.step.low >>> 0, message.step.high >>> 0).toNumber(true) : message.step;
            return object;
        };

        /**
         * Converts this SimWorld to JSON.
         * @function toJSON
         * @memberof reflex.SimWorld
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        SimWorld.prototype.toJSON = function() {
            return SimWorld.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for SimWorld
         * @function getTypeUrl
         * @memberof reflex.SimWorld
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        SimWorld.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/reflex.SimWorld";
        };

        return SimWorld;
    })();

    return reflex;
})();

export {
  $root as default
};
